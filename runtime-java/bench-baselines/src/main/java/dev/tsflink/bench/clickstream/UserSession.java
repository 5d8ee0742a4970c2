package dev.tsflink.bench.clickstream;

/** One user's session: what pipelines/clickstream-sessions.ts writes to its sessions topic. */
public class UserSession {
    public String userId;
    public long sessionStart;
    public long clicks;
    public long distinctPages;
    public String firstPage;
    public String lastPage;
    public double durationMs;

    public UserSession() {}
}
