package dev.retain.ingest;

import dev.retain.ingest.ImportJobs.ImportRequest;
import dev.retain.platform.CommandLineOptions;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code ./retain import --kind orders --file F [--map order_date=Datum]}: imports a file into the local database
 * without the web server, prints the mapping it used and the account, and exits 0 when done, 3 when more rows than
 * allowed were rejected, 1 when the import failed, 2 for wrong arguments. Columns are mapped as the import page
 * suggests from their headers; {@code --map} is needed only for what the headers do not say, and wins over the
 * suggestion.
 */
@Component
@ConditionalOnProperty(name = "retain.command", havingValue = "import")
public class ImportCommand implements ApplicationRunner, ExitCodeGenerator {

    public static final String USAGE = """
            ./retain import --kind customers|orders|events --file FILE [--map field=Column,field=Column]
                            [--source NAME] [--day-first] [--currency CNY] [--max-rejected 0.05]
              columns are mapped from their headers; --map adds or overrides fields the headers do not name
            ./retain import --preset NAME --file FILE    (a mapping saved in the UI or API)
            add --server http://host:8080 --api-key KEY to import through a running server""";

    private final ImportJobs jobs;
    private final ImportPresets presets;
    private final ImportPreview preview;
    private int exitCode;

    ImportCommand(ImportJobs jobs, ImportPresets presets, ImportPreview preview) {
        this.jobs = jobs;
        this.presets = presets;
        this.preview = preview;
    }

    @Override
    public void run(ApplicationArguments arguments) throws Exception {
        Map<String, String> options = CommandLineOptions.parse(arguments.getSourceArgs());
        boolean fromPreset = options.containsKey("preset");
        if (fromPreset) {
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
        if (!options.containsKey("kind") || !options.containsKey("file")) {
            System.err.println("Missing --kind or --file (or --preset).\n" + USAGE);
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
            ImportKind kind = ImportKind.valueOf(options.get("kind").toUpperCase(Locale.ROOT));
            List<String> headers = preview.headers(file);
            Map<String, String> given = MappingText.parse(options.get("map"));
            // A saved preset is a complete mapping someone chose; anything else is completed from the headers.
            Map<String, String> mapping = fromPreset ? given : ImportPreview.suggestAround(kind, headers, given);
            System.out.println("mapping: " + MappingText.format(mapping));
            Map<String, String> unmatched = ColumnMapping.unmatchedRequiredFields(kind, mapping.keySet());
            if (!unmatched.isEmpty()) {
                System.err.println(unmatchedMessage(unmatched, headers));
                exitCode = 2;
                return;
            }
            job = jobs.submit(
                    new ImportRequest(
                            kind,
                            options.getOrDefault("source", "import"),
                            file.getFileName().toString(),
                            mapping,
                            importOptions),
                    content);
        } catch (InvalidInputException e) {
            e.fieldErrors().forEach((field, problem) -> System.err.println(field + ": " + problem));
            exitCode = 2;
            return;
        } catch (IOException e) {
            System.err.println("Cannot read " + file + ": " + e.getMessage());
            exitCode = 2;
            return;
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + USAGE);
            exitCode = 2;
            return;
        }
        job = jobs.runNow(job.id());
        System.out.println(summary(job, jobs.rejectionsByReason(job.id())));
        exitCode = job.status() != ImportStatus.SUCCEEDED
                ? 1
                : job.rejectedShare() > importOptions.maxRejectedShare() ? 3 : 0;
    }

    /** Which required fields no header named, and the file's columns to choose from. */
    static String unmatchedMessage(Map<String, String> unmatched, List<String> headers) {
        var text = new StringBuilder();
        unmatched.forEach((field, problem) -> text.append("No column matched the required field ")
                .append(field)
                .append(" (")
                .append(problem)
                .append("): add --map ")
                .append(field)
                .append("=COLUMN\n"));
        return text.append("The file's columns: ")
                .append(String.join(", ", headers))
                .toString();
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }

    /** The account of a job; rejected rows are counted by reason, most frequent first. */
    public static String summary(ImportJob job, List<RejectionReason> rejections) {
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
        for (RejectionReason rejection : rejections) {
            text.append("  ")
                    .append(rejection.rows())
                    .append(" rejected: ")
                    .append(rejection.reason())
                    .append('\n');
        }
        if (job.error() != null) {
            text.append("error: ").append(job.error()).append('\n');
        }
        if (job.rowsRejected() > 0) {
            text.append("rejected rows: GET /api/v1/imports/").append(job.id()).append("/rejected.csv\n");
        }
        return text.toString().strip();
    }
}
