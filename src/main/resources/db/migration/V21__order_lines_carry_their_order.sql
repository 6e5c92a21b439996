-- commerce: each order line carries its order's time, status and coupon, and its amount in the base currency, so
-- per-line questions ("over 60% of spend in one category") read the lines alone instead of joining ten million orders

-- A line's amount in the base currency: its order's rate, the line's price and quantity, rounded to cents.
create function order_line_amount(quantity int, unit_price numeric, base_amount numeric, amount numeric)
    returns numeric language sql immutable
    return round(quantity * unit_price * coalesce(base_amount / nullif(amount, 0), 1), 2);

alter table order_lines
    add column ordered_at  timestamptz,
    add column status      text,
    add column coupon_code text,
    add column line_amount numeric(14, 2);

update order_lines l
set ordered_at  = o.ordered_at,
    status      = o.status,
    coupon_code = o.coupon_code,
    line_amount = order_line_amount(l.quantity, l.unit_price, o.base_amount, o.amount)
from orders o
where o.id = l.order_id;

alter table order_lines
    alter column ordered_at set not null,
    alter column status set not null,
    alter column line_amount set not null;

-- A line written without them (a single insert, a changed quantity) takes them from its order; bulk loads that
-- already know them write them directly and skip the lookup.
create function order_line_from_order() returns trigger language plpgsql as $$
begin
    select o.ordered_at, o.status, o.coupon_code,
           order_line_amount(new.quantity, new.unit_price, o.base_amount, o.amount)
    into new.ordered_at, new.status, new.coupon_code, new.line_amount
    from orders o where o.id = new.order_id;
    return new;
end
$$;

create trigger order_lines_inserted before insert on order_lines
    for each row when (new.ordered_at is null or new.status is null or new.line_amount is null)
    execute function order_line_from_order();
create trigger order_lines_updated before update of order_id, quantity, unit_price on order_lines
    for each row execute function order_line_from_order();

-- An order's change reaches its lines in the same statement, whatever path changed it.
create function order_lines_follow_order() returns trigger language plpgsql as $$
begin
    update order_lines
    set ordered_at  = new.ordered_at,
        status      = new.status,
        coupon_code = new.coupon_code,
        line_amount = order_line_amount(quantity, unit_price, new.base_amount, new.amount)
    where order_id = new.id;
    return null;
end
$$;

create trigger orders_changed after update of ordered_at, status, coupon_code, amount, base_amount on orders
    for each row
    when ((old.ordered_at, old.status, old.coupon_code, old.amount, old.base_amount)
          is distinct from (new.ordered_at, new.status, new.coupon_code, new.amount, new.base_amount))
    execute function order_lines_follow_order();

drop view paid_order_lines_view;
create view paid_order_lines_view as
select order_id, customer_id, ordered_at, coupon_code, sku, category, line_amount, product_name
from order_lines
where status = 'PAID';
