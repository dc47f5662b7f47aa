package dev.carrel.agent.gate;

import dev.carrel.protocol.CredentialHash;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A compact map from credential hash to a long (an entry's expiry), so a campus-sized allow-list fits a
 * Raspberry Pi's memory and a lookup allocates nothing: two longs of key and one of value per slot in flat
 * arrays, linear probing, backward-shift deletion (Knuth, TAOCP vol. 3, §6.4 Algorithm R), load at most 1/2.
 *
 * <p>Keys are the first 128 bits of the HMAC-SHA256; RFC 2104 §5 allows truncating an HMAC to half its
 * length, and nobody without the site secret can aim at a collision. About 48 bytes per entry, against
 * some 170 for a {@code HashMap<CredentialHash, Long>}. Not thread-safe: {@link Allowlist} guards it.
 */
final class CredentialTable {
    /** Marks an empty slot; no expiry is ever this value (expiries are epoch milliseconds or MAX_VALUE). */
    private static final long EMPTY = Long.MIN_VALUE;

    private long[] keys;
    private long[] values;
    private int mask;
    private int size;

    CredentialTable(int expected) {
        int capacity = Integer.highestOneBit(Math.max(8, expected) * 2 - 1) << 1;
        allocate(capacity);
    }

    private void allocate(int capacity) {
        keys = new long[capacity * 2];
        values = new long[capacity];
        Arrays.fill(values, EMPTY);
        mask = capacity - 1;
        size = 0;
    }

    static long high(CredentialHash h) {
        return HexFormat.fromHexDigitsToLong(h.hex(), 0, 16);
    }

    static long low(CredentialHash h) {
        return HexFormat.fromHexDigitsToLong(h.hex(), 16, 32);
    }

    int size() {
        return size;
    }

    /** The value stored for the key, or {@code absent}. */
    long get(long hi, long lo, long absent) {
        int slot = find(hi, lo);
        return slot >= 0 ? values[slot] : absent;
    }

    boolean contains(long hi, long lo) {
        return find(hi, lo) >= 0;
    }

    void put(long hi, long lo, long value) {
        if (value == EMPTY) {
            throw new IllegalArgumentException("value " + EMPTY + " is reserved");
        }
        int slot = find(hi, lo);
        if (slot >= 0) {
            values[slot] = value;
            return;
        }
        if ((size + 1) * 2 > values.length) {
            grow();
            slot = find(hi, lo);
        }
        int at = -slot - 1;
        keys[2 * at] = hi;
        keys[2 * at + 1] = lo;
        values[at] = value;
        size++;
    }

    boolean remove(long hi, long lo) {
        int slot = find(hi, lo);
        if (slot < 0) {
            return false;
        }
        int hole = slot;
        int j = slot;
        while (true) {
            j = (j + 1) & mask;
            if (values[j] == EMPTY) {
                break;
            }
            int home = home(keys[2 * j]);
            // Move j back into the hole unless its home lies cyclically within (hole, j].
            boolean stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (!stays) {
                keys[2 * hole] = keys[2 * j];
                keys[2 * hole + 1] = keys[2 * j + 1];
                values[hole] = values[j];
                hole = j;
            }
        }
        values[hole] = EMPTY;
        size--;
        return true;
    }

    /** The slot holding the key, or {@code -(free slot) - 1} where it would go. */
    private int find(long hi, long lo) {
        int i = home(hi);
        while (values[i] != EMPTY) {
            if (keys[2 * i] == hi && keys[2 * i + 1] == lo) {
                return i;
            }
            i = (i + 1) & mask;
        }
        return -i - 1;
    }

    /** The HMAC's bits are uniform already; folding the halves is all the mixing they need. */
    private int home(long hi) {
        return (int) (hi ^ (hi >>> 32)) & mask;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldValues = values;
        allocate(oldValues.length * 2);
        for (int i = 0; i < oldValues.length; i++) {
            if (oldValues[i] != EMPTY) {
                put(oldKeys[2 * i], oldKeys[2 * i + 1], oldValues[i]);
            }
        }
    }
}
