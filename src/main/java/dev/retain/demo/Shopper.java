package dev.retain.demo;

/**
 * A customer with the hidden traits that drive its buying.
 *
 * @param currency the currency all its orders are in
 * @param favouriteCategory the category most of its order lines come from
 * @param meanOrderValue its typical order value in CNY
 */
record Shopper(
        DemoCustomer customer, boolean company, String currency, String favouriteCategory, double meanOrderValue) {

    long signedUpSecond() {
        return customer.signedUpAt().getEpochSecond();
    }
}
