package io.netcap.decoder.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The packed sort orders as the comparator does: ties, negative numbers, spans too wide to pack, sizes at bit boundaries. */
class PackedSortTest {
    record Item(long number, int tie, int id) {}

    static final Comparator<Item> ORDER = Comparator.comparingLong(Item::number).thenComparingInt(Item::tie);

    @Test
    void ordersAsTheComparator() {
        Random random = new Random(11);
        long[][] ranges = {{0, 1}, {0, 50}, {-1_000, 1_000}, {1_700_000_000_000_000_000L, 1_700_000_100_000_000_000L},
            {Long.MIN_VALUE / 2, Long.MAX_VALUE / 2}, {Long.MIN_VALUE, Long.MAX_VALUE}};
        int[] sizes = {0, 1, 2, 3, 255, 256, 257, 1024, 5000};
        for (long[] range : ranges) {
            for (int n : sizes) {
                Item[] items = new Item[n];
                for (int i = 0; i < n; i++) {
                    long v = range[0] + (long) (random.nextDouble() * ((double) range[1] - range[0]));
                    items[i] = new Item(random.nextInt(8) == 0 ? range[1] : v, random.nextInt(1000), i);
                }
                Item[] expected = items.clone();
                Arrays.sort(expected, ORDER.thenComparingInt(Item::id));
                Item[] actual = items.clone();
                PackedSort.sort(actual, Item::number, ORDER.thenComparingInt(Item::id));
                assertThat(actual).as("%d items in %s", n, Arrays.toString(range)).containsExactly(expected);
            }
        }
    }

    /** A range of an array (a scratch array's filled part) is sorted as the comparator sorts it; the rest stays. */
    @Test
    void ordersARangeAsTheComparator() {
        Random random = new Random(12);
        for (int n : new int[] {0, 1, 2, PackedSort.SHORT, PackedSort.SHORT + 1, 300}) {
            Item[] items = new Item[n + 10];
            for (int i = 0; i < items.length; i++) {
                items[i] = new Item(1_000 + random.nextInt(Math.max(1, n / 3)), random.nextInt(4), i);
            }
            Item[] expected = items.clone();
            Arrays.sort(expected, 4, 4 + n, ORDER.thenComparingInt(Item::id));
            Item[] actual = items.clone();
            PackedSort.sort(actual, 4, 4 + n, Item::number, ORDER.thenComparingInt(Item::id));
            assertThat(actual).as("%d items", n).containsExactly(expected);
        }
    }
}
