package dev.retain.platform.web;

import dev.retain.platform.HomeBlock;

/** A home page block as the page shows it to one user: what it says now and where it leads. */
public record ShownHomeBlock(HomeBlock block, HomeBlock.Content content, String link) {

    /** A row of several figures wants the whole width; lists sit two by two. */
    public boolean wide() {
        return content.figures().size() > 2;
    }
}
