package dev.tsflink.bench.orders;

/** The {@code paid} stream of pipelines/orders-analytics.ts. */
public class PaidOrder {
    public String orderId;
    public String customerId;
    public double amount;
    public boolean big;
    public String city;
    public String coupon;
    public int items;
    public long createdAt;

    public PaidOrder() {}
}
