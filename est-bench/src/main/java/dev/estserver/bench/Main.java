package dev.estserver.bench;

import java.io.PrintStream;
import java.util.Arrays;

import dev.estserver.bench.load.LoadCommand;
import dev.estserver.bench.run.RunCommand;

/** {@code java -cp ... dev.estserver.bench.Main <command> [options]}: exit 0 on success, 1 on failure, 2 on misuse. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            if (args.length == 0) {
                throw new UsageException("expected a command: run (make bench) or load (any EST server)");
            }
            String[] options = Arrays.copyOfRange(args, 1, args.length);
            return switch (args[0]) {
                case "load" -> LoadCommand.run(options, out, err);
                case "run" -> RunCommand.run(options, out, err);
                default -> throw new UsageException("unknown command '" + args[0] + "', expected: run or load");
            };
        } catch (UsageException e) {
            err.println("bench: " + e.getMessage());
            return 2;
        }
    }
}
