package dev.retain.customers.web;

/** Who may change customers: analysts only read; deleting is for admins and managers. */
final class CustomerAccess {

    static final String EDIT = "hasAnyRole('ADMIN', 'MANAGER', 'SALES', 'SERVICE', 'MARKETER')";
    static final String DELETE = "hasAnyRole('ADMIN', 'MANAGER')";

    private CustomerAccess() {}
}
