package io.tcplens.flow;

import java.util.function.Predicate;

/**
 * An open-addressing hash table from {@link FlowKey} to a value. Each slot's key sits inline in
 * one long array (six longs: both addresses, ports with the hash, protocol and VLANs), so a
 * lookup reads about one cache line instead of chasing a node, a key object and an entry.
 * Linear probing; deletion shifts the cluster back, so no tombstones accumulate.
 *
 * <p>Each slot also has a due time, kept in its own dense array: {@link #sweep} looks at a value
 * only once its due time has come, so a periodic sweep over a large table reads two sequential
 * arrays instead of touching every value (a cache miss each).
 *
 * @param <V> the value type
 */
public final class FlowTable<V> {
    private static final int MIN_CAPACITY = 1 << 10;
    private static final int STRIDE = 6;

    /** Returned by an {@link Expiry} to remove the value. */
    static final long REMOVE = Long.MIN_VALUE;
    /** Due time of a new value, and of one whose state changed: look at it at the next sweep. */
    static final long DUE_NOW = Long.MIN_VALUE + 1;

    /** Decides, when a value's due time has come, whether it goes and when to look again. */
    interface Expiry<V> {
        /** The next due time (capture nanoseconds), or {@link #REMOVE}. */
        long check(V value);
    }

    private long[] keys;
    private long[] due;
    private Object[] values;
    private int mask;
    private int size;

    public FlowTable() {
        allocate(MIN_CAPACITY);
    }

    private void allocate(int capacity) {
        keys = new long[capacity * STRIDE];
        due = new long[capacity];
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
        due[slot] = DUE_NOW;
        values[slot] = value;
        size++;
    }

    /** Makes the key's value due at the next sweep (its state changed; a timeout may come sooner). */
    void dueNow(FlowKey k) {
        int slot = slotOf(k);
        if (slot >= 0) {
            due[slot] = DUE_NOW;
        }
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
                due[hole] = due[next];
                values[hole] = values[next];
                values[next] = null;
                hole = next;
            }
        }
    }

    /** Removes every value the predicate accepts (it may act on the value, e.g. report it). */
    @SuppressWarnings("unchecked")
    void removeIf(Predicate<V> remove) {
        for (int slot = 0; slot < values.length; slot++) {
            while (values[slot] != null && remove.test((V) values[slot])) {
                removeAt(slot);
            }
        }
    }

    /**
     * Checks the values whose due time has come ({@code <= now}) among {@code count} slots from
     * {@code from} (wrapping); returns where the next partial pass should start.
     */
    @SuppressWarnings("unchecked")
    int sweep(long now, Expiry<V> expiry, int from, int count) {
        int slot = from & mask;
        for (int i = 0; i < count; i++) {
            // After a removal the slot holds the next value of the cluster: check it too.
            while (values[slot] != null && due[slot] <= now) {
                long next = expiry.check((V) values[slot]);
                if (next == REMOVE) {
                    removeAt(slot);
                } else {
                    due[slot] = next;
                    break;
                }
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
        long[] oldDue = due;
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
            due[slot] = oldDue[i];
            values[slot] = oldValues[i];
            size++;
        }
    }
}
