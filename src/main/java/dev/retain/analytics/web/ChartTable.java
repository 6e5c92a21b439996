package dev.retain.analytics.web;

import java.util.List;

/** A chart's data as a table, for the CSV/XLSX download: a file name, the column headers and the rows. */
record ChartTable(String name, List<String> headers, List<List<Object>> rows) {}
