package dev.tsflink.bench.generator;

import dev.tsflink.bench.clickstream.Click;
import dev.tsflink.bench.fraud.Transaction;
import dev.tsflink.bench.orders.Order;

/**
 * The benchmark's input, record by record: the i-th record of a case is always the same, so every
 * run and both implementations read identical data.
 */
final class BenchData {

    /** 2026-01-01T00:00:00Z, the same origin as pipelines/sample-orders.ts. */
    static final long ORIGIN = 1_767_225_600_000L;

    private static final String[][] CITIES = {{"Lyon", "FR"}, {"São Paulo", "BR"}, {"Osaka", "JP"}, {"Nairobi", "KE"}};
    private static final String[] STATUSES = {"NEW", "PAID", "PAID", "CANCELLED"};
    private static final String[] MERCHANTS = {"grocer", "fuel", "books", "travel", "electronics", "cafe"};

    private BenchData() {}

    /** pipelines/sample-orders.ts's {@code sampleOrder(i)}, in Java. */
    static Order order(long i) {
        Order o = new Order();
        o.orderId = "o-" + pad(i, 6);
        o.customerId = "c-" + (i % 97);
        o.amount = i % 50 == 0 ? 0 : Math.round(((i * 7919) % 100_000) / 10.0) / 10.0;
        o.quantity = (int) (i % 5) + 1;
        o.status = STATUSES[(int) ((i * 31) % STATUSES.length)];
        o.createdAt = ORIGIN + i * 250;
        o.coupon = i % 3 == 0 ? "SAVE" + (i % 10) : null;
        int lineCount = (int) (i % 4);
        o.lines = new Order.OrderLine[lineCount];
        for (int k = 0; k < lineCount; k++) {
            o.lines[k] = new Order.OrderLine("sku-" + ((i + k) % 13), k + 0.5);
        }
        String[] city = CITIES[(int) (i % CITIES.length)];
        o.shipping = new Order.Shipping(city[0], city[1]);
        return o;
    }

    private static final int USERS = 20_000;

    /**
     * Page views every 20 ms (with up to 3 s of disorder), from a quarter of the users each hour:
     * user u is active in hours where (u + hour) % 4 == 0, so a session lasts about an hour and is
     * followed by three quiet ones, well beyond the 30-minute gap.
     */
    static Click click(long i) {
        long ts = ORIGIN + i * 20 - mix(i) % 3_000;
        long hour = (ORIGIN + i * 20 - ORIGIN) / 3_600_000;
        long k = mix(i * 31 + 7) % (USERS / 4);
        long user = 4 * k + Math.floorMod(-hour, 4);
        return new Click("u-" + user, "/p/" + mix(i * 17 + 3) % 50, ts);
    }

    private static final int CARDS = 20_000;

    /**
     * A payment every 10 ms from a pseudo-random card; in every block of 100 payments the first four
     * come from one card (a burst), and about 3 % are tiny and 3 % large, so both rules fire.
     */
    static Transaction transaction(long i) {
        long card = i % 100 < 4 ? (i / 100) % CARDS : mix(i) % CARDS;
        long r = mix(i * 13 + 5) % 100;
        double amount = r < 3 ? 0.5 : r < 6 ? 750 + r : 5 + mix(i * 7 + 1) % 20_000 / 100.0;
        return new Transaction("t-" + i, "card-" + card, amount, MERCHANTS[(int) (mix(i * 3 + 2) % MERCHANTS.length)], ORIGIN + i * 10);
    }

    /** A non-negative 63-bit hash of {@code x} (SplitMix64's finalizer). */
    static long mix(long x) {
        long z = x + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (z ^ (z >>> 31)) >>> 1;
    }

    private static String pad(long n, int width) {
        String s = Long.toString(n);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }
}
