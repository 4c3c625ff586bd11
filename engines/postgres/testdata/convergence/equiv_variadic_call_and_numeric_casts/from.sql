CREATE TABLE line_items (
    doc jsonb,
    units integer NOT NULL,
    price numeric(10,2) NOT NULL,
    rebate numeric(5,2) DEFAULT 0,
    amount numeric(12,2) GENERATED ALWAYS AS (units * price * (1 - rebate / 100)) STORED
);
CREATE INDEX line_items_sku_idx ON line_items (jsonb_extract_path_text(doc, 'item', 'sku'));
