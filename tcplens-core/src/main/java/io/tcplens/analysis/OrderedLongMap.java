package io.tcplens.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * A map from primitive longs to values that keeps insertion order, like a
 * {@code LinkedHashMap<Long, V>} but without a boxed key and an entry object per mapping: the
 * attack detector keys its tables by address, endpoint and address-pair numbers, and looks them
 * up for most packets of a flood. Boxed keys allocated per packet unless the JIT removed the
 * boxes, which it did only with its default inlining.
 *
 * <p>Keys sit in one array in insertion order (so iteration is that order, which reaches the
 * alerts); an open-addressing table of positions finds them. Tables start small (a flood makes
 * hundreds of thousands of them, most holding one key) and double. Values may be null: the
 * {@link #keysOnly() set form} stores none.
 */
final class OrderedLongMap<V> {
    private long[] keys = new long[2];
    private Object[] values;
    private int size;
    /** Per slot, the position of its key plus one; 0 is an empty slot. Kept at most half full. */
    private int[] slots = new int[4];

    /** A map with values. */
    OrderedLongMap() {
        this.values = new Object[2];
    }

    private OrderedLongMap(boolean withValues) {
        this.values = withValues ? new Object[2] : null;
    }

    /** A set of longs: the same table without values. */
    static OrderedLongMap<Void> keysOnly() {
        return new OrderedLongMap<>(false);
    }

    int size() {
        return size;
    }

    boolean contains(long key) {
        return positionOf(key) >= 0;
    }

    @SuppressWarnings("unchecked")
    V get(long key) {
        int at = positionOf(key);
        return at < 0 ? null : (V) values[at];
    }

    /** Maps the key to the value; a new key goes last in the order, a known one keeps its place. */
    void put(long key, V value) {
        int at = positionOf(key);
        if (at < 0) {
            at = append(key);
        }
        values[at] = value;
    }

    /** Adds the key (set form); false when it was there already. */
    boolean add(long key) {
        if (positionOf(key) >= 0) {
            return false;
        }
        append(key);
        return true;
    }

    /** The key at a position in insertion order (0 to size - 1). */
    long keyAt(int position) {
        return keys[position];
    }

    /** The values in insertion order (a copy: the caller may change the map while going through it). */
    @SuppressWarnings("unchecked")
    List<V> values() {
        List<V> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add((V) values[i]);
        }
        return out;
    }

    /** Removes the mappings whose value matches; the others keep their order (maps only, not the set form). */
    @SuppressWarnings("unchecked")
    void removeValuesIf(Predicate<V> remove) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (!remove.test((V) values[i])) {
                keys[kept] = keys[i];
                values[kept] = values[i];
                kept++;
            }
        }
        Arrays.fill(values, kept, size, null);
        size = kept;
        reindex(slots.length);
    }

    private int positionOf(long key) {
        int mask = slots.length - 1;
        for (int s = slot(key, mask); ; s = (s + 1) & mask) {
            int p = slots[s];
            if (p == 0) {
                return -1;
            }
            if (keys[p - 1] == key) {
                return p - 1;
            }
        }
    }

    private int append(long key) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, 2 * size);
            if (values != null) {
                values = Arrays.copyOf(values, 2 * size);
            }
        }
        keys[size] = key;
        size++;
        if (2 * size > slots.length) {
            reindex(2 * slots.length);
        } else {
            insert(size - 1);
        }
        return size - 1;
    }

    private void reindex(int capacity) {
        slots = new int[capacity];
        for (int i = 0; i < size; i++) {
            insert(i);
        }
    }

    private void insert(int position) {
        int mask = slots.length - 1;
        int s = slot(keys[position], mask);
        while (slots[s] != 0) {
            s = (s + 1) & mask;
        }
        slots[s] = position + 1;
    }

    /** Keys are address numbers whose low bits vary little: mix them all into the slot. */
    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
