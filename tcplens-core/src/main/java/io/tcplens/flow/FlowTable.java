package io.tcplens.flow;

import java.util.function.Predicate;

/**
 * An open-addressing hash table from {@link FlowKey} to a {@link FlowEntry}, which carries its
 * own key. Per slot the table keeps the key's hash (never 0, so 0 marks a free slot), the value
 * and a due time, each in its own dense array: probing reads only the hashes, 4 bytes a slot,
 * and a hit then checks the full key in the value, which the caller reads next anyway. Linear
 * probing; deletion shifts the cluster back, so no tombstones accumulate. The table stays at
 * most half full, where a hit probes about 1.5 slots on average.
 *
 * <p>{@link #sweep} looks at a value only once its due time has come, so a periodic sweep over
 * a large table reads two sequential arrays instead of touching every value (a cache miss each).
 *
 * <p>In front of the slots sits a small direct-mapped cache of the values found or added last
 * (hash, value and slot, by the hash's low bits). A capture has far fewer flows active at once
 * than it has flows in all (tshark forgets none, so neither does the conversation table): a hit
 * in the cache, a few hundred kilobytes, spares the two random reads of the large arrays, which
 * on a 10M-packet capture with a million flows missed the processor's caches on most packets.
 *
 * @param <V> the value type
 */
public final class FlowTable<V extends FlowEntry> {
    private static final int MIN_CAPACITY = 1 << 10;

    /** Returned by an {@link Expiry} to remove the value. */
    static final long REMOVE = Long.MIN_VALUE;
    /** Due time of a new value, and of one whose state changed: look at it at the next sweep. */
    static final long DUE_NOW = Long.MIN_VALUE + 1;

    /** Decides, when a value's due time has come, whether it goes and when to look again. */
    interface Expiry<V> {
        /** The next due time (capture nanoseconds), or {@link #REMOVE}. */
        long check(V value);
    }

    /** Entries of the cache of recent values at most (as many as the slots while fewer). */
    private static final int MAX_RECENT = 1 << 14;

    private int[] hashes;
    private long[] due;
    private FlowEntry[] values;
    private int mask;
    /** The cache of recent values: a value's hash (0: none), the value and its slot. */
    private int[] recentHashes;
    private FlowEntry[] recentValues;
    private int[] recentSlots;
    private int recentMask;
    private int size;
    /** The slot {@link #get} found last (-1: none); valid until the table next changes. */
    private int lastFound = -1;

    public FlowTable() {
        allocate(MIN_CAPACITY);
    }

    private void allocate(int capacity) {
        hashes = new int[capacity];
        due = new long[capacity];
        values = new FlowEntry[capacity];
        mask = capacity - 1;
        size = 0;
        int recent = Math.min(capacity, MAX_RECENT);
        recentHashes = new int[recent];
        recentValues = new FlowEntry[recent];
        recentSlots = new int[recent];
        recentMask = recent - 1;
    }

    public int size() {
        return size;
    }

    int capacity() {
        return values.length;
    }

    /** The slot of the key's value, or -1; a hit leaves the value in the cache of recent values. */
    private int slotOf(FlowKey k) {
        int hash = k.hash;
        long ph = FlowEntry.portsAndHash(k);
        long m = FlowEntry.meta(k);
        int r = hash & recentMask;
        if (recentHashes[r] == hash && recentValues[r].hasKey(k, ph, m)) {
            return recentSlots[r];
        }
        int[] hashes = this.hashes;
        int mask = this.mask;
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            int h = hashes[slot];
            if (h == 0) {
                return -1;
            }
            if (h == hash && values[slot].hasKey(k, ph, m)) {
                remember(slot);
                return slot;
            }
        }
    }

    /** Puts the value at the slot into the cache of recent values (in place of any other). */
    private void remember(int slot) {
        int hash = hashes[slot];
        int r = hash & recentMask;
        recentHashes[r] = hash;
        recentValues[r] = values[slot];
        recentSlots[r] = slot;
    }

    /** The value at the slot leaves it (removed, or replaced by another): it leaves the cache too. */
    private void forget(int slot) {
        int r = hashes[slot] & recentMask;
        if (recentValues[r] == values[slot]) {
            recentHashes[r] = 0;
            recentValues[r] = null;
        }
    }

    /** The slot holding this very entry, or -1. */
    private int slotOf(FlowEntry entry) {
        int hash = entry.flowHash();
        for (int slot = hash & mask; hashes[slot] != 0; slot = (slot + 1) & mask) {
            if (values[slot] == entry) {
                return slot;
            }
        }
        return -1;
    }

    @SuppressWarnings("unchecked")
    public V get(FlowKey k) {
        int slot = slotOf(k);
        lastFound = slot;
        // After a slotOf hit the cache holds the value: no read of the large array of values.
        return slot < 0 ? null : (V) recentValues[k.hash & recentMask];
    }

    /**
     * Adds the entry under its own key, replacing the entry with an equal key if there is one.
     * The entry's key must have been made from a {@link FlowKey} whose hash is not 0 (as every
     * loaded key's is).
     */
    public void put(V entry) {
        lastFound = -1;
        int hash = entry.flowHash();
        for (int slot = hash & mask; hashes[slot] != 0; slot = (slot + 1) & mask) {
            if (hashes[slot] == hash && values[slot].hasKeyOf(entry)) {
                values[slot] = entry;
                due[slot] = DUE_NOW;
                // The old value's place in the cache, if it had one, is the new one's.
                remember(slot);
                return;
            }
        }
        if ((size + 1) * 2 > values.length) {
            grow();
        }
        int slot = hash & mask;
        while (hashes[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        hashes[slot] = hash;
        due[slot] = DUE_NOW;
        values[slot] = entry;
        size++;
        remember(slot);
    }

    /**
     * Makes the value {@link #get} found last due at the next sweep (its state changed; a timeout
     * may come sooner). Nothing happens when that get found nothing or the table changed since.
     */
    void dueNowFound() {
        if (lastFound >= 0) {
            due[lastFound] = DUE_NOW;
        }
    }

    public void remove(FlowKey k) {
        int slot = slotOf(k);
        if (slot >= 0) {
            removeAt(slot);
        }
    }

    /** Removes this very entry, if it is in the table. */
    public void remove(V entry) {
        int slot = slotOf(entry);
        if (slot >= 0) {
            removeAt(slot);
        }
    }

    /** Removes the value at a slot and shifts the rest of its cluster back (Knuth's algorithm R). */
    private void removeAt(int slot) {
        lastFound = -1;
        int hole = slot;
        forget(hole);
        values[hole] = null;
        hashes[hole] = 0;
        size--;
        for (int next = (hole + 1) & mask; hashes[next] != 0; next = (next + 1) & mask) {
            int home = hashes[next] & mask;
            // Move the entry into the hole unless its home lies cyclically in (hole, next].
            boolean stays = hole <= next ? (hole < home && home <= next) : (hole < home || home <= next);
            if (!stays) {
                int r = hashes[next] & recentMask;
                if (recentValues[r] == values[next]) {
                    recentSlots[r] = hole;
                }
                hashes[hole] = hashes[next];
                due[hole] = due[next];
                values[hole] = values[next];
                values[next] = null;
                hashes[next] = 0;
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
            while (hashes[slot] != 0 && due[slot] <= now) {
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
        int[] oldHashes = hashes;
        long[] oldDue = due;
        FlowEntry[] oldValues = values;
        allocate(oldValues.length * 2);
        for (int i = 0; i < oldValues.length; i++) {
            if (oldHashes[i] == 0) {
                continue;
            }
            int slot = oldHashes[i] & mask;
            while (hashes[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            hashes[slot] = oldHashes[i];
            due[slot] = oldDue[i];
            values[slot] = oldValues[i];
            size++;
        }
    }
}
