package io.tcplens.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The detector's primitive-keyed tables behave as the LinkedHashMap and HashSet they replaced. */
class OrderedLongMapTest {

    @Test
    void keepsInsertionOrderAndFindsEveryKeyAfterGrowing() {
        OrderedLongMap<String> map = new OrderedLongMap<>();
        // 0, negative keys and keys equal in their low bits: none is special.
        long[] keys = {0, -1, Long.MIN_VALUE, 1L << 32, 2L << 32, 3L << 32, 42, 7};
        for (long k : keys) {
            map.put(k, "v" + k);
        }
        map.put(42, "again");
        assertThat(map.size()).isEqualTo(keys.length);
        assertThat(map.values()).containsExactly("v0", "v-1", "v" + Long.MIN_VALUE, "v" + (1L << 32),
                "v" + (2L << 32), "v" + (3L << 32), "again", "v7");
        for (long k : keys) {
            assertThat(map.contains(k)).isTrue();
        }
        assertThat(map.get(8)).isNull();
        assertThat(map.contains(1)).isFalse();
    }

    @Test
    void removingKeepsTheOrderOfTheRestAndAKeyPutAgainGoesLast() {
        OrderedLongMap<Integer> map = new OrderedLongMap<>();
        for (int i = 0; i < 10; i++) {
            map.put(i * 1_000_003L, i);
        }
        map.removeValuesIf(v -> v % 3 == 0);
        assertThat(map.values()).containsExactly(1, 2, 4, 5, 7, 8);
        assertThat(map.get(0)).isNull();
        assertThat(map.get(4 * 1_000_003L)).isEqualTo(4);
        map.put(0, 100);
        assertThat(map.values()).containsExactly(1, 2, 4, 5, 7, 8, 100);
        assertThat(map.keyAt(6)).isZero();
    }

    @Test
    void agreesWithLinkedHashMapOnRandomOperations() {
        Random random = new Random(5);
        OrderedLongMap<Long> map = new OrderedLongMap<>();
        Map<Long, Long> expected = new LinkedHashMap<>();
        OrderedLongMap<Void> set = OrderedLongMap.keysOnly();
        java.util.Set<Long> expectedSet = new java.util.HashSet<>();
        for (int round = 0; round < 50_000; round++) {
            long key = random.nextInt(5_000) * 65_537L;
            long value = random.nextLong();
            if (random.nextInt(1000) == 0) {
                long limit = random.nextLong();
                map.removeValuesIf(v -> v < limit);
                expected.values().removeIf(v -> v < limit);
            } else {
                map.put(key, value);
                expected.put(key, value);
            }
            assertThat(set.add(key)).isEqualTo(expectedSet.add(key));
            assertThat(set.size()).isEqualTo(expectedSet.size());
            assertThat(map.get(key)).isEqualTo(expected.get(key));
        }
        assertThat(map.size()).isEqualTo(expected.size());
        assertThat(map.values()).containsExactlyElementsOf(new ArrayList<>(expected.values()));
        List<Long> keys = new ArrayList<>();
        for (int i = 0; i < map.size(); i++) {
            keys.add(map.keyAt(i));
        }
        assertThat(keys).containsExactlyElementsOf(expected.keySet());
    }
}
