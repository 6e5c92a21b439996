package dev.retain.platform;

import java.util.List;

/** A module's headline figures for the home page ("Customers 10,000"), with a link to see more. */
public interface HomeFigure {

    record Figure(String messageKey, String value, String link, int order) {}

    List<Figure> figures();
}
