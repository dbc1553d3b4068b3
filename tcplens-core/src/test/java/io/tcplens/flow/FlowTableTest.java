package io.tcplens.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The open-addressing flow table against java.util.HashMap, over random inserts, lookups and removals. */
class FlowTableTest {

    private static FlowKey key(Random r, int universe) {
        return key(r.nextInt(universe));
    }

    private static FlowKey key(int n) {
        FlowKey k = new FlowKey();
        k.protocol = 6;
        k.vlan = n % 3 == 0 ? -1 : n % 5;
        k.innerVlan = -1;
        // Few distinct addresses and ports, so that hashes collide and clusters form and wrap.
        java.lang.reflect.Method set;
        try {
            set = FlowKey.class.getDeclaredMethod("set", long.class, long.class, long.class, long.class, int.class, int.class);
            set.setAccessible(true);
            set.invoke(k, 0L, (long) (n % 17), 0L, (long) (n % 13 + 100), n % 7, n / 7 % 500);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        return k;
    }

    /** A test value: a number, or {expires at, times checked} for the sweep. */
    private static final class Item extends FlowEntry {
        final int n;
        final long[] v;

        Item(FlowKey key, int n, long[] v) {
            super(key);
            this.n = n;
            this.v = v;
        }
    }

    private static Integer number(Item item) {
        return item == null ? null : item.n;
    }

    @Test
    void behavesLikeAHashMap() {
        Random r = new Random(1);
        FlowTable<Item> table = new FlowTable<>();
        Map<FlowKey, Integer> reference = new HashMap<>();
        for (int i = 0; i < 400_000; i++) {
            FlowKey k = key(r, 20_000);
            switch (r.nextInt(5)) {
                case 0, 1 -> {
                    table.put(new Item(k, i, null));
                    reference.put(k.copy(), i);
                }
                case 2 -> {
                    table.remove(k);
                    reference.remove(k);
                }
                case 3 -> {
                    // Removing an entry by itself: a stale entry with an equal key removes nothing.
                    Item stale = new Item(k, -1, null);
                    table.remove(stale);
                    assertThat(number(table.get(k))).isEqualTo(reference.get(k));
                    Item current = table.get(k);
                    if (current != null) {
                        table.remove(current);
                        reference.remove(k);
                    }
                }
                default -> assertThat(number(table.get(k))).isEqualTo(reference.get(k));
            }
            if (i % 50_000 == 0) {
                int cutoff = i;
                table.removeIf(v -> v.n < cutoff / 2);
                reference.values().removeIf(v -> v < cutoff / 2);
            }
        }
        assertThat(table.size()).isEqualTo(reference.size());
        for (Map.Entry<FlowKey, Integer> e : reference.entrySet()) {
            assertThat(number(table.get(e.getKey()))).isEqualTo(e.getValue());
        }
        int[] visited = {0};
        table.forEach(v -> visited[0]++);
        assertThat(visited[0]).isEqualTo(reference.size());
    }

    /**
     * The sweep looks at a value only once its due time has come, removes what the expiry says,
     * keeps the due time it returns (also when removals shift a cluster back), and a value made
     * due again by dueNow is looked at on the next pass.
     */
    @Test
    void sweepsOnlyWhatIsDue() {
        Random r = new Random(2);
        FlowTable<Item> table = new FlowTable<>();
        Map<FlowKey, long[]> reference = new HashMap<>();
        java.util.List<long[]> all = new java.util.ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            FlowKey k = key(r, 20_000);
            // value: {expires at, times checked}
            long[] v = {r.nextInt(100), 0};
            long[] replaced = reference.put(k.copy(), v);
            table.put(new Item(k, i, v));
            all.remove(replaced);
            all.add(v);
        }
        for (long now = 0; now <= 100; now += 10) {
            long t = now;
            table.sweep(t, item -> {
                long[] v = item.v;
                v[1]++;
                // Due when it expires: the first look is due at once, the next at its expiry.
                return v[0] <= t ? FlowTable.REMOVE : v[0];
            }, 0, table.capacity());
            reference.values().removeIf(v -> v[0] <= t);
            assertThat(table.size()).isEqualTo(reference.size());
            for (Map.Entry<FlowKey, long[]> e : reference.entrySet()) {
                assertThat(table.get(e.getKey()).v).isSameAs(e.getValue());
            }
        }
        // Each value was looked at when new and then only at its expiry (at once if it expired at 0).
        assertThat(table.size()).isZero();
        assertThat(all).allSatisfy(v -> assertThat(v[1]).isEqualTo(v[0] == 0 ? 1 : 2));
        FlowKey k = key(1);
        long[] v = {1_000, 0};
        table.put(new Item(k, 0, v));
        table.sweep(0, x -> 1_000, 0, table.capacity());
        table.sweep(1, x -> { x.v[1]++; return 1_000; }, 0, table.capacity());
        assertThat(v[1]).isZero();
        table.get(k);
        table.dueNowFound();
        table.sweep(1, x -> { x.v[1]++; return 1_000; }, 0, table.capacity());
        assertThat(v[1]).isOne();
        // A change to the table since the get forgets what it found: nothing is made due then.
        FlowKey other = key(2);
        long[] w = {1_000, 0};
        table.put(new Item(other, 0, w));
        table.sweep(1, x -> 1_000, 0, table.capacity());
        table.get(k);
        table.remove(other);
        table.dueNowFound();
        table.sweep(1, x -> { x.v[1]++; return 1_000; }, 0, table.capacity());
        assertThat(v[1]).isOne();
        table.get(other);
        table.dueNowFound();
        table.sweep(1, x -> { x.v[1]++; return 1_000; }, 0, table.capacity());
        assertThat(v[1]).isOne();
    }

    /**
     * A value found through the cache of recent values is the one in the table, at its slot: after
     * removals have shifted clusters back (and the table has grown), dueNowFound after each get
     * marks exactly the values got, and a replaced value is not served stale.
     */
    @Test
    void recentValuesFollowShiftsAndReplacements() {
        FlowTable<Item> table = new FlowTable<>();
        Map<FlowKey, Item> reference = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            FlowKey k = key(i);
            Item item = new Item(k, i, new long[] {0});
            table.put(item);
            reference.put(k.copy(), item);
        }
        table.sweep(0, x -> Long.MAX_VALUE, 0, table.capacity());
        java.util.List<FlowKey> keys = new java.util.ArrayList<>(reference.keySet());
        for (int i = 0; i < keys.size(); i += 2) {
            table.remove(keys.get(i));
            reference.remove(keys.get(i));
        }
        for (int i = 3; i < keys.size(); i += 6) {
            Item replacement = new Item(keys.get(i), -i, new long[] {0});
            table.put(replacement);
            reference.put(keys.get(i), replacement);
        }
        for (Map.Entry<FlowKey, Item> e : reference.entrySet()) {
            assertThat(table.get(e.getKey())).isSameAs(e.getValue());
            table.dueNowFound();
        }
        table.sweep(1, x -> { x.v[0]++; return Long.MAX_VALUE; }, 0, table.capacity());
        assertThat(reference.values()).allSatisfy(item -> assertThat(item.v[0]).isOne());
    }
}
