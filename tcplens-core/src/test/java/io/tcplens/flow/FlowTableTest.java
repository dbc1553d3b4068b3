package io.tcplens.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The open-addressing flow table against java.util.HashMap, over random inserts, lookups and removals. */
class FlowTableTest {

    private static FlowKey key(Random r, int universe) {
        FlowKey k = new FlowKey();
        int n = r.nextInt(universe);
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

    @Test
    void behavesLikeAHashMap() {
        Random r = new Random(1);
        FlowTable<Integer> table = new FlowTable<>();
        Map<FlowKey, Integer> reference = new HashMap<>();
        for (int i = 0; i < 400_000; i++) {
            FlowKey k = key(r, 20_000);
            switch (r.nextInt(4)) {
                case 0, 1 -> {
                    table.put(k, i);
                    reference.put(k.copy(), i);
                }
                case 2 -> {
                    table.remove(k);
                    reference.remove(k);
                }
                default -> assertThat(table.get(k)).isEqualTo(reference.get(k));
            }
            if (i % 50_000 == 0) {
                int cutoff = i;
                table.removeIf(v -> v < cutoff / 2);
                reference.values().removeIf(v -> v < cutoff / 2);
            }
        }
        assertThat(table.size()).isEqualTo(reference.size());
        for (Map.Entry<FlowKey, Integer> e : reference.entrySet()) {
            assertThat(table.get(e.getKey())).isEqualTo(e.getValue());
        }
        int[] visited = {0};
        table.forEach(v -> visited[0]++);
        assertThat(visited[0]).isEqualTo(reference.size());
    }
}
