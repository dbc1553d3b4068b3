package io.tcplens.flow;

import java.util.function.Predicate;

/**
 * An open-addressing hash table from {@link FlowKey} to a value. Each slot's key sits inline in
 * one long array (six longs: both addresses, ports with the hash, protocol and VLANs), so a
 * lookup reads about one cache line instead of chasing a node, a key object and an entry.
 * Linear probing; deletion shifts the cluster back, so no tombstones accumulate.
 *
 * @param <V> the value type
 */
public final class FlowTable<V> {
    private static final int MIN_CAPACITY = 1 << 10;
    private static final int STRIDE = 6;

    private long[] keys;
    private Object[] values;
    private int mask;
    private int size;

    public FlowTable() {
        allocate(MIN_CAPACITY);
    }

    private void allocate(int capacity) {
        keys = new long[capacity * STRIDE];
        values = new Object[capacity];
        mask = capacity - 1;
        size = 0;
    }

    public int size() {
        return size;
    }

    int capacity() {
        return values.length;
    }

    private static long portsAndHash(FlowKey k) {
        return ((long) ((k.portA << 16) | k.portB) << 32) | (k.hash & 0xFFFFFFFFL);
    }

    private static long meta(FlowKey k) {
        return k.protocol | ((long) (k.vlan + 1) << 8) | ((long) (k.innerVlan + 1) << 20);
    }

    private int slotOf(FlowKey k) {
        long ph = portsAndHash(k);
        long m = meta(k);
        for (int slot = k.hash & mask; values[slot] != null; slot = (slot + 1) & mask) {
            int at = slot * STRIDE;
            if (keys[at + 4] == ph && keys[at + 1] == k.addressALow && keys[at + 3] == k.addressBLow
                    && keys[at] == k.addressAHigh && keys[at + 2] == k.addressBHigh && keys[at + 5] == m) {
                return slot;
            }
        }
        return -1;
    }

    @SuppressWarnings("unchecked")
    public V get(FlowKey k) {
        int slot = slotOf(k);
        return slot < 0 ? null : (V) values[slot];
    }

    /** Adds or replaces the value for the key (the key's fields are copied in). */
    public void put(FlowKey k, V value) {
        int existing = slotOf(k);
        if (existing >= 0) {
            values[existing] = value;
            return;
        }
        if ((size + 1) * 4 > values.length * 3) {
            grow();
        }
        int slot = k.hash & mask;
        while (values[slot] != null) {
            slot = (slot + 1) & mask;
        }
        int at = slot * STRIDE;
        keys[at] = k.addressAHigh;
        keys[at + 1] = k.addressALow;
        keys[at + 2] = k.addressBHigh;
        keys[at + 3] = k.addressBLow;
        keys[at + 4] = portsAndHash(k);
        keys[at + 5] = meta(k);
        values[slot] = value;
        size++;
    }

    public void remove(FlowKey k) {
        int slot = slotOf(k);
        if (slot >= 0) {
            removeAt(slot);
        }
    }

    private int home(int slot) {
        return (int) keys[slot * STRIDE + 4] & mask;
    }

    /** Removes the value at a slot and shifts the rest of its cluster back (Knuth's algorithm R). */
    private void removeAt(int slot) {
        int hole = slot;
        values[hole] = null;
        size--;
        for (int next = (hole + 1) & mask; values[next] != null; next = (next + 1) & mask) {
            int home = home(next);
            // Move the entry into the hole unless its home lies cyclically in (hole, next].
            boolean stays = hole <= next ? (hole < home && home <= next) : (hole < home || home <= next);
            if (!stays) {
                System.arraycopy(keys, next * STRIDE, keys, hole * STRIDE, STRIDE);
                values[hole] = values[next];
                values[next] = null;
                hole = next;
            }
        }
    }

    /** Removes every value the predicate accepts (it may act on the value, e.g. report it). */
    void removeIf(Predicate<V> remove) {
        removeIf(remove, 0, values.length);
    }

    /**
     * Removes the values the predicate accepts among {@code count} slots from {@code from}
     * (wrapping); returns where the next partial pass should start.
     */
    @SuppressWarnings("unchecked")
    int removeIf(Predicate<V> remove, int from, int count) {
        int slot = from & mask;
        for (int i = 0; i < count; i++) {
            while (values[slot] != null && remove.test((V) values[slot])) {
                removeAt(slot);
            }
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /** Visits every value. */
    @SuppressWarnings("unchecked")
    void forEach(java.util.function.Consumer<V> visit) {
        for (Object v : values) {
            if (v != null) {
                visit.accept((V) v);
            }
        }
    }

    public void clear() {
        allocate(MIN_CAPACITY);
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        allocate(oldValues.length * 2);
        for (int i = 0; i < oldValues.length; i++) {
            if (oldValues[i] == null) {
                continue;
            }
            int slot = (int) oldKeys[i * STRIDE + 4] & mask;
            while (values[slot] != null) {
                slot = (slot + 1) & mask;
            }
            System.arraycopy(oldKeys, i * STRIDE, keys, slot * STRIDE, STRIDE);
            values[slot] = oldValues[i];
            size++;
        }
    }
}
