package dev.tsflink.bench.fraud;

/** What pipelines/fraud-check.ts writes to its alerts topic. */
public class Alert {
    public String cardId;
    public String txId;
    public String rule;
    public double amount;
    public long at;

    public Alert() {}

    public Alert(String cardId, String txId, String rule, double amount, long at) {
        this.cardId = cardId;
        this.txId = txId;
        this.rule = rule;
        this.amount = amount;
        this.at = at;
    }
}
