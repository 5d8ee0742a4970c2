package dev.tsflink.bench.orders;

/** {@code Order} of pipelines/orders-analytics.ts, as a Flink POJO. */
public class Order {
    public String orderId;
    public String customerId;
    public double amount;
    public int quantity;
    public String status;
    public long createdAt;
    public String coupon;
    public OrderLine[] lines;
    public Shipping shipping;

    public Order() {}

    public static class OrderLine {
        public String sku;
        public double price;

        public OrderLine() {}

        public OrderLine(String sku, double price) {
            this.sku = sku;
            this.price = price;
        }
    }

    public static class Shipping {
        public String city;
        public String country;

        public Shipping() {}

        public Shipping(String city, String country) {
            this.city = city;
            this.country = country;
        }
    }
}
