package dev.estserver.operator.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * The README shows what {@code kubectl get} prints for our resources. A reader compares it with their terminal, so
 * each sample must have the columns of the committed CRD, in its order, laid out the way kubectl lays them out.
 */
class ReadmeSamplesTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path CRDS = Path.of("..", "src-crds");
    /** A {@code kubectl get} of one of our resources; the README shows its output as the comment lines below it. */
    private static final Pattern GET = Pattern.compile("kubectl .*\\bget (estservers|deviceenrollments)\\b(.*)");
    private static final String OUTPUT = "# ";
    /** kubectl's tab writer: each column but the last is as wide as its widest cell plus 3, and at least 6. */
    private static final int PADDING = 3;
    private static final int MIN_WIDTH = 6;

    /** @param output what kubectl printed, the header first */
    record Sample(String plural, boolean wide, List<String> output) {

        @Override
        public String toString() {
            return "kubectl get " + plural + (wide ? " -o wide" : "");
        }
    }

    private static List<Sample> samples;

    @BeforeAll
    static void readReadme() throws IOException {
        samples = samples(Files.readAllLines(README));
    }

    @Test
    void showsEachResourceWithAndWithoutWide() {
        assertThat(samples).extracting(Sample::toString).containsExactlyInAnyOrder("kubectl get estservers",
                "kubectl get estservers -o wide", "kubectl get deviceenrollments",
                "kubectl get deviceenrollments -o wide");
    }

    @Test
    void headerIsNameAndThePrinterColumnsOfTheCrd() throws IOException {
        for (Sample sample : samples) {
            assertThat(cells(sample.output().getFirst())).as(sample + " in README.md")
                    .containsExactlyElementsOf(header(sample));
        }
    }

    @Test
    void columnsAreAlignedAsKubectlAlignsThem() {
        for (Sample sample : samples) {
            List<List<String>> rows = sample.output().stream().map(ReadmeSamplesTest::cells).toList();
            assertThat(rows).as(sample + ": a cell in every column").allSatisfy(row -> assertThat(row)
                    .hasSameSizeAs(rows.getFirst()));
            assertThat(sample.output()).as(sample + " in README.md").containsExactlyElementsOf(kubectlLayout(rows));
        }
    }

    private static List<Sample> samples(List<String> lines) {
        List<Sample> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher get = GET.matcher(lines.get(i));
            if (get.find()) {
                List<String> output = lines.subList(i + 1, lines.size()).stream()
                        .takeWhile(line -> line.startsWith(OUTPUT)).map(line -> line.substring(OUTPUT.length()))
                        .toList();
                if (!output.isEmpty()) {
                    found.add(new Sample(get.group(1), get.group(2).contains("-o wide"), output));
                }
            }
        }
        return found;
    }

    /** kubectl prints NAME, then the CRD's columns upper-cased, those of priority above 0 only with -o wide. */
    private static List<String> header(Sample sample) throws IOException {
        CustomResourceDefinition crd = Serialization.unmarshal(
                Files.readString(CRDS.resolve(sample.plural() + "." + EstServer.GROUP + "-v1.yml")),
                CustomResourceDefinition.class);
        Stream<String> columns = crd.getSpec().getVersions().getFirst().getAdditionalPrinterColumns().stream()
                .filter(column -> sample.wide() || column.getPriority() == 0)
                .map(CustomResourceColumnDefinition::getName).map(name -> name.toUpperCase(Locale.ROOT));
        return Stream.concat(Stream.of("NAME"), columns).toList();
    }

    /** Column names hold single spaces; kubectl puts at least {@value #PADDING} between columns. */
    private static List<String> cells(String line) {
        return List.of(line.strip().split(" {2,}"));
    }

    private static List<String> kubectlLayout(List<List<String>> rows) {
        int columns = rows.getFirst().size();
        int[] widths = IntStream.range(0, columns).map(column -> Math.max(MIN_WIDTH,
                rows.stream().mapToInt(row -> row.get(column).length()).max().orElseThrow() + PADDING)).toArray();
        return rows.stream().map(row -> {
            StringBuilder line = new StringBuilder();
            for (int column = 0; column < columns - 1; column++) {
                line.append(row.get(column)).append(" ".repeat(widths[column] - row.get(column).length()));
            }
            return line.append(row.getLast()).toString();
        }).toList();
    }
}
