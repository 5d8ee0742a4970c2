package dev.tsflink.bench.orders;

/** One customer's paid orders in one minute: the {@code perCustomer} stream. */
public class CustomerRevenue {
    public String customerId;
    public long orders;
    public double revenue;
    public double largest;
    public long windowStart;
    public long windowEnd;

    public CustomerRevenue() {}
}
