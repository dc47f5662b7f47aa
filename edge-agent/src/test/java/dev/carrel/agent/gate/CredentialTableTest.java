package dev.carrel.agent.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CredentialTableTest {

    private record Key(long hi, long lo) {}

    @Test
    void randomPutsAndRemoves_agreeWithAHashMap() {
        Random random = new Random(42);
        CredentialTable table = new CredentialTable(4);
        Map<Key, Long> reference = new HashMap<>();
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            // Few distinct high words, half of them homed at the table's end, so probe chains are long and wrap.
            keys.add(new Key((random.nextInt(64) - 32) & 0xFFFF_FFFFL, random.nextLong()));
        }
        for (int op = 0; op < 200_000; op++) {
            Key k = keys.get(random.nextInt(keys.size()));
            switch (random.nextInt(3)) {
                case 0, 1 -> {
                    long v = random.nextLong(1_000_000);
                    table.put(k.hi(), k.lo(), v);
                    reference.put(k, v);
                }
                default -> assertEquals(reference.remove(k) != null, table.remove(k.hi(), k.lo()));
            }
            if (op % 10_000 == 0) {
                assertAgree(reference, keys, table);
            }
        }
        assertAgree(reference, keys, table);
    }

    @Test
    void removeEverything_leavesAnEmptyTableThatStillWorks() {
        CredentialTable table = new CredentialTable(8);
        for (long i = 0; i < 1_000; i++) {
            table.put(i * 31, i, i);
        }
        for (long i = 0; i < 1_000; i++) {
            assertEquals(true, table.remove(i * 31, i));
        }
        assertEquals(0, table.size());
        table.put(5, 5, 7);
        assertEquals(7, table.get(5, 5, -1));
    }

    private static void assertAgree(Map<Key, Long> reference, List<Key> keys, CredentialTable table) {
        assertEquals(reference.size(), table.size());
        for (Key k : keys) {
            assertEquals(reference.getOrDefault(k, -1L), table.get(k.hi(), k.lo(), -1L), k.toString());
            assertEquals(reference.containsKey(k), table.contains(k.hi(), k.lo()));
        }
    }
}
