package dev.retain.journeys.web;

import dev.retain.journeys.DeadSteps;
import dev.retain.journeys.Journey;
import dev.retain.journeys.JourneyGraph;
import dev.retain.journeys.JourneyGraphs;
import dev.retain.journeys.JourneyReports;
import dev.retain.journeys.Journeys;
import dev.retain.platform.InvalidInputException;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;

/**
 * The journeys pages: the list with each journey's status and entrants; a journey's steps, results against the
 * holdout and per-node counts; its graph as JSON, checked on save (problems shown by path); status changes; failed
 * steps with their retry.
 */
@Controller
class JourneyPageController {

    private final Journeys journeys;
    private final JourneyGraphs graphs;
    private final JourneyReports reports;
    private final DeadSteps deadSteps;
    private final ObjectMapper json;
    private final MessageSource messages;
    private final JourneyLabels labels;

    JourneyPageController(
            Journeys journeys,
            JourneyGraphs graphs,
            JourneyReports reports,
            DeadSteps deadSteps,
            ObjectMapper json,
            MessageSource messages,
            JourneyLabels labels) {
        this.messages = messages;
        this.labels = labels;
        this.journeys = journeys;
        this.graphs = graphs;
        this.reports = reports;
        this.deadSteps = deadSteps;
        this.json = json;
    }

    @GetMapping("/journeys")
    String list(Model model) {
        model.addAttribute("journeys", journeys.list());
        model.addAttribute("deadSteps", deadSteps.list());
        return "journeys/list";
    }

    @GetMapping("/journeys/{id}")
    String show(@PathVariable long id, Locale locale, Model model) {
        Journey journey = journeys.find(id);
        model.addAttribute("journey", journey);
        JourneyGraph graph = graphs.parse(journey.graph());
        model.addAttribute("graph", graph);
        model.addAttribute("trigger", labels.trigger(graph, locale));
        model.addAttribute("nodeTypeLabels", labels.nodeTypes(graphs.nodeTypes(), locale));
        model.addAttribute("nodeTypeGlossary", labels.glossary(graphs.nodeTypes(), locale));
        var report = reports.of(id);
        model.addAttribute("report", report);
        model.asMap().putIfAbsent("graphText", pretty(journey));
        model.addAttribute("nodeTypes", graphs.nodeTypes());
        model.addAttribute("nodeTypesJson", json.writeValueAsString(graphs.nodeTypes()));
        model.addAttribute("nodeTypeLabelsJson", json.writeValueAsString(labels.nodeTypes(graphs.nodeTypes(), locale)));
        model.addAttribute("countsJson", json.writeValueAsString(report.nodes()));
        model.addAttribute("editorLabels", json.writeValueAsString(editorLabels(locale)));
        return "journeys/show";
    }

    /** The step editor's words in the reader's language. */
    private Map<String, String> editorLabels(Locale locale) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String key : List.of("start", "type", "params", "next", "remove", "newNode", "addNode", "invalidJson")) {
            labels.put(key, messages.getMessage("journeys.editor." + key, null, locale));
        }
        return labels;
    }

    @PostMapping("/journeys")
    @PreAuthorize(JourneyApiController.EDITORS)
    String create(@RequestParam String name, Principal principal) {
        var graph = json.readTree("""
                {"trigger": {"type": "api"}, "entryLimit": {"rule": "once"}, "start": "end",
                 "nodes": {"end": {"type": "exit"}}}""");
        return "redirect:/journeys/"
                + journeys.create(name, null, graph, principal.getName()).id();
    }

    @PostMapping("/journeys/{id}/graph")
    @PreAuthorize(JourneyApiController.EDITORS)
    String saveGraph(
            @PathVariable long id,
            @RequestParam String graph,
            Principal principal,
            Locale locale,
            Model model,
            RedirectAttributes redirect) {
        Journey journey = journeys.find(id);
        try {
            journeys.update(id, journey.name(), journey.description(), json.readTree(graph), principal.getName());
        } catch (InvalidInputException e) {
            model.addAttribute("errors", e.fieldErrors());
            model.addAttribute("graphText", graph);
            return show(id, locale, model);
        } catch (JacksonException e) {
            model.addAttribute("errors", Map.of("graph", "not JSON: " + e.getOriginalMessage()));
            model.addAttribute("graphText", graph);
            return show(id, locale, model);
        }
        redirect.addFlashAttribute("message", "journeys.saved");
        return "redirect:/journeys/" + id;
    }

    @PostMapping("/journeys/{id}/status")
    @PreAuthorize(JourneyApiController.EDITORS)
    String status(@PathVariable long id, @RequestParam String status) {
        journeys.setStatus(id, status);
        return "redirect:/journeys/" + id;
    }

    @PostMapping("/journeys/dead-steps/{stepId}/retry")
    @PreAuthorize(JourneyApiController.EDITORS)
    String retry(@PathVariable long stepId) {
        deadSteps.retry(stepId);
        return "redirect:/journeys";
    }

    private String pretty(Journey journey) {
        return json.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(journey.graph());
    }
}
