package dev.retain.service.knowledge.web;

/**
 * Who may do what in the knowledge base: every signed-in person reads every article (internal ones too: they are
 * staff); admins, managers and the service team write, publish, archive and restore, since answering customers is
 * their work and the articles speak for the company.
 */
final class KnowledgeAccess {

    static final String READ = "isAuthenticated()";
    static final String EDIT = "hasAnyRole('ADMIN','MANAGER','SERVICE')";

    private KnowledgeAccess() {}
}
