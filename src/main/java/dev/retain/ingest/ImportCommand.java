package dev.retain.ingest;

import dev.retain.ingest.ImportJobs.ImportRequest;
import dev.retain.platform.CommandLineOptions;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code ./retain import --kind orders --file F --map customer_id=CustomerID,order_date=InvoiceDate,amount=Total}:
 * imports a file into the local database without the web server, prints the account, and exits 0 when done, 3 when
 * more rows than allowed were rejected, 1 when the import failed, 2 for wrong arguments.
 */
@Component
@ConditionalOnProperty(name = "retain.command", havingValue = "import")
public class ImportCommand implements ApplicationRunner, ExitCodeGenerator {

    public static final String USAGE = """
            ./retain import --kind customers|orders|events --file FILE --map field=Column,field=Column
                            [--source NAME] [--day-first] [--currency CNY] [--max-rejected 0.05]
            ./retain import --preset NAME --file FILE    (a mapping saved in the UI or API)
            add --server http://host:8080 --api-key KEY to import through a running server""";

    private final ImportJobs jobs;
    private final ImportPresets presets;
    private int exitCode;

    ImportCommand(ImportJobs jobs, ImportPresets presets) {
        this.jobs = jobs;
        this.presets = presets;
    }

    @Override
    public void run(ApplicationArguments arguments) throws Exception {
        Map<String, String> options = CommandLineOptions.parse(arguments.getSourceArgs());
        if (options.containsKey("preset")) {
            try {
                ImportPreset preset = presets.find(options.get("preset"));
                options.putIfAbsent("kind", preset.kind().name());
                options.putIfAbsent("source", preset.source());
                options.putIfAbsent("map", MappingText.format(preset.mapping()));
                if (preset.options().dayFirst()) {
                    options.putIfAbsent("day-first", "true");
                }
                options.putIfAbsent("currency", preset.options().defaultCurrency());
            } catch (NotFoundException e) {
                System.err.println(e.getMessage());
                exitCode = 2;
                return;
            }
        }
        if (!options.containsKey("kind") || !options.containsKey("file") || !options.containsKey("map")) {
            System.err.println("Missing --kind, --file or --map (or --preset).\n" + USAGE);
            exitCode = 2;
            return;
        }
        Path file = Path.of(options.get("file"));
        if (!Files.isReadable(file)) {
            System.err.println("Cannot read " + file);
            exitCode = 2;
            return;
        }
        var importOptions = new ImportOptions(
                options.containsKey("day-first"),
                options.getOrDefault("currency", "CNY").toUpperCase(Locale.ROOT),
                Double.parseDouble(options.getOrDefault("max-rejected", "0.05")));
        ImportJob job;
        try (InputStream content = Files.newInputStream(file)) {
            job = jobs.submit(
                    new ImportRequest(
                            ImportKind.valueOf(options.get("kind").toUpperCase(Locale.ROOT)),
                            options.getOrDefault("source", "import"),
                            file.getFileName().toString(),
                            MappingText.parse(options.get("map")),
                            importOptions),
                    content);
        } catch (InvalidInputException e) {
            e.fieldErrors().forEach((field, problem) -> System.err.println(field + ": " + problem));
            exitCode = 2;
            return;
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + USAGE);
            exitCode = 2;
            return;
        }
        job = jobs.runNow(job.id());
        System.out.println(summary(job));
        exitCode = job.status() != ImportStatus.SUCCEEDED
                ? 1
                : job.rejectedShare() > importOptions.maxRejectedShare() ? 3 : 0;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }

    public static String summary(ImportJob job) {
        var text = new StringBuilder()
                .append("Import ")
                .append(job.id())
                .append(" of ")
                .append(job.fileName())
                .append(": ")
                .append(job.status())
                .append('\n')
                .append("rows read ")
                .append(job.rowsRead())
                .append(", imported ")
                .append(job.rowsImported())
                .append(", merged ")
                .append(job.rowsMerged())
                .append(", rejected ")
                .append(job.rowsRejected())
                .append('\n');
        if (job.error() != null) {
            text.append("error: ").append(job.error()).append('\n');
        }
        if (job.rowsRejected() > 0) {
            text.append("rejected rows: GET /api/v1/imports/").append(job.id()).append("/rejected.csv\n");
        }
        return text.toString().strip();
    }

    /** {@code --name value} and {@code --flag} pairs. */
}
