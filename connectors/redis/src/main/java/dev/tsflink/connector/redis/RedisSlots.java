package dev.tsflink.connector.redis;

import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Redis Cluster hash slots (CRC16 of the key, or of its {@code {hash tag}}, modulo 16384, as the
 * cluster specification defines and Jedis computes) and, for every slot, a short tag that hashes to
 * it, so a fence key {@code tsflink:{<tag>}:…} lives in the same slot as the keys it guards.
 */
public final class RedisSlots {

    public static final int SLOTS = 16384;

    /** {@code TAGS[slot]}: the first base-36 numeral (0, 1, …, a, …) whose slot is {@code slot}. */
    private static final String[] TAGS = tags();

    private RedisSlots() {}

    private static String[] tags() {
        String[] tags = new String[SLOTS];
        int found = 0;
        for (long n = 0; found < SLOTS; n++) {
            String tag = Long.toString(n, 36);
            int slot = JedisClusterCRC16.getSlot(tag);
            if (tags[slot] == null) {
                tags[slot] = tag;
                found++;
            }
        }
        return tags;
    }

    public static int slot(String key) {
        return JedisClusterCRC16.getSlot(key);
    }

    public static String tag(int slot) {
        return TAGS[slot];
    }

    /** {@code tsflink:{<tag>}:<sink>/<subtask>}: the fence of one sink subtask in one slot. */
    public static String fenceKey(int slot, String fenceKey) {
        return "tsflink:{" + TAGS[slot] + "}:" + fenceKey;
    }
}
