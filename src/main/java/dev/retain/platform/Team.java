package dev.retain.platform;

import java.util.List;

/**
 * A team (部门): its place in the tree ({@code parentId}, null at the top), its members (each user is in one team at
 * most) and its managers (who need not be members; a manager of a team also manages its sub-teams).
 */
public record Team(long id, String name, Long parentId, List<Long> memberIds, List<Long> managerIds) {}
