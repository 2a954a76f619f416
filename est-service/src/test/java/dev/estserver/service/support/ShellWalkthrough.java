package dev.estserver.service.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A shell walkthrough of the README: the {@code sh} block under a heading, as commands, each with the output shown
 * after it on {@code #>} lines. A command is a line with its continuation lines ({@code \}), the body of a here
 * document, or a multi-line {@code for} loop; other comment lines and blank lines only explain.
 */
public record ShellWalkthrough(List<Command> commands) {

    /** @param expected the output the README shows for it; empty when it shows none (then only success counts) */
    public record Command(String text, List<String> expected) {
    }

    private static final Pattern HERE_DOCUMENT = Pattern.compile("<<-?'?(\\w+)'?");

    /** The first {@code sh} block after {@code heading} in {@code readme}. */
    public static ShellWalkthrough of(Path readme, String heading) {
        List<String> lines;
        try {
            lines = Files.readAllLines(readme);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int at = lines.indexOf(heading);
        if (at < 0) {
            throw new IllegalArgumentException(readme + " has no heading '" + heading + "'");
        }
        while (!lines.get(at).equals("```sh")) {
            at++;
        }
        int end = at + 1;
        while (!lines.get(end).equals("```")) {
            end++;
        }
        return new ShellWalkthrough(parse(lines.subList(at + 1, end)));
    }

    private static List<Command> parse(List<String> block) {
        List<Command> commands = new ArrayList<>();
        for (int i = 0; i < block.size(); i++) {
            String line = block.get(i);
            if (line.startsWith("#>")) {
                if (commands.isEmpty()) {
                    throw new IllegalArgumentException("output shown before any command: " + line);
                }
                commands.getLast().expected().add(line.substring(2).strip());
                continue;
            }
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            StringBuilder text = new StringBuilder(line);
            Matcher hereDocument = HERE_DOCUMENT.matcher(line);
            String until = hereDocument.find() ? hereDocument.group(1)
                    : line.matches("(for|while) .*") && !line.contains("done") ? "done" : null;
            while (line.endsWith("\\") || until != null) {
                line = block.get(++i);
                text.append('\n').append(line);
                if (line.strip().equals(until)) {
                    until = null;
                }
            }
            commands.add(new Command(text.toString(), new ArrayList<>()));
        }
        return commands;
    }
}
