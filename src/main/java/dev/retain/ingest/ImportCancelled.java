package dev.retain.ingest;

/** Thrown inside a running import when someone cancelled it; rolls back everything the job did. */
class ImportCancelled extends RuntimeException {

    ImportCancelled() {
        super("cancelled", null, false, false);
    }
}
