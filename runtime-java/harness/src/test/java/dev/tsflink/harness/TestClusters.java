package dev.tsflink.harness;

import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

import java.util.Map;

/**
 * A small MiniCluster (one TaskManager, three slots for graphs of parallelism 3, explicit small
 * memory: the machine is shared) whose metrics a test can read after a job finished. Each test
 * class needs its own reporter: a reporter closes with the cluster that used it.
 */
final class TestClusters {

    private TestClusters() {}

    static MiniClusterExtension miniCluster(InMemoryReporter metrics) {
        Configuration conf = new Configuration();
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("16m"));
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MIN, MemorySize.parse("32m"));
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.parse("32m"));
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(3)
                .setConfiguration(metrics.addToConfiguration(conf))
                .build());
    }

    /** The sum of a counter over every operator instance of a job. */
    static long counter(InMemoryReporter metrics, JobID job, String name) {
        long sum = 0;
        for (Map.Entry<String, Metric> e : metrics.findMetrics(job, name).entrySet()) {
            sum += ((Counter) e.getValue()).getCount();
        }
        return sum;
    }
}
