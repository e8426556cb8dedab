import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs the given JUnit test classes N rounds in one JVM, and prints each failure with its round and
 * a total: {@code java -cp <test class path> RepeatTests.java 200 a.BTest c.DTest}. For the hunt for
 * tests that fail by chance (see run-classes.sh and docs/reliability.md, "Repeated runs").
 */
public class RepeatTests {
    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        List<Class<?>> classes = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            classes.add(Class.forName(args[i]));
        }
        Launcher launcher = LauncherFactory.create();
        long tests = 0, failures = 0;
        int failedRounds = 0;
        for (int r = 1; r <= rounds; r++) {
            LauncherDiscoveryRequestBuilder b = LauncherDiscoveryRequestBuilder.request();
            for (Class<?> c : classes) {
                b.selectors(selectClass(c));
            }
            LauncherDiscoveryRequest request = b.build();
            SummaryGeneratingListener listener = new SummaryGeneratingListener();
            launcher.execute(request, listener);
            TestExecutionSummary s = listener.getSummary();
            tests += s.getTestsSucceededCount() + s.getTestsFailedCount();
            failures += s.getTestsFailedCount();
            if (s.getTestsFailedCount() > 0 || s.getContainersFailedCount() > 0) {
                failedRounds++;
                for (TestExecutionSummary.Failure f : s.getFailures()) {
                    System.out.println("round " + r + " FAILED " + f.getTestIdentifier().getDisplayName() + ": " + f.getException());
                    f.getException().printStackTrace(System.out);
                }
            }
            if (r % 10 == 0) {
                System.out.println("after round " + r + ": tests " + tests + ", failed " + failures + ", failed rounds " + failedRounds);
            }
        }
        System.out.println("TOTAL rounds " + rounds + ", test runs " + tests + ", failed " + failures + ", failed rounds " + failedRounds);
        System.exit(0);
    }
}
