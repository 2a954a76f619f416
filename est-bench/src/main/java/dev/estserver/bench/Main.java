package dev.estserver.bench;

import java.util.Arrays;

import dev.estserver.bench.run.RunCommand;

/** {@code java -jar est-bench.jar <command> [options]}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        int exit = switch (command) {
            case "run" -> RunCommand.run(rest, System.out, System.err);
            default -> {
                System.err.println("usage: java -jar est-bench.jar run [options]   (run --help for the options)");
                yield 2;
            }
        };
        System.exit(exit);
    }
}
