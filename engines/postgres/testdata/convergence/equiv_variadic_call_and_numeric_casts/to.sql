CREATE TABLE line_items (
    doc jsonb,
    units integer NOT NULL,
    price numeric(10,2) NOT NULL,
    rebate numeric(5,2) DEFAULT 0,
    amount numeric(12,2) GENERATED ALWAYS AS ((((units)::numeric * price) * ((1)::numeric - (rebate / (100)::numeric)))) STORED
);
CREATE INDEX line_items_sku_idx ON line_items USING btree (jsonb_extract_path_text(doc, VARIADIC ARRAY['item'::text, 'sku'::text]));
