package dev.estserver.bench.run;

import java.io.PrintStream;

/** {@code est-bench.jar run}: exit 0 when the run completed, whatever the figures; non-zero when it could not run. */
public final class RunCommand {

    private RunCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.println(BenchOptions.USAGE);
            return 0;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("bench run: " + e.getMessage());
            err.println(BenchOptions.USAGE);
            return 2;
        }
        try {
            new BenchRun(options, out).run();
            return 0;
        } catch (BenchFailure e) {
            err.println("bench run: " + e.getMessage());
            return 1;
        }
    }
}
