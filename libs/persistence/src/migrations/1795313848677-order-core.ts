import { MigrationInterface, QueryRunner } from 'typeorm';

export class OrderCore1795313848677 implements MigrationInterface {
  name = 'OrderCore1795313848677';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Order and invoice numbers come from sequences: gap-tolerant, never reused, safe under concurrency.
    await queryRunner.query(`CREATE SEQUENCE IF NOT EXISTS "sales_order_number_seq" START 1001`);
    await queryRunner.query(`CREATE SEQUENCE IF NOT EXISTS "invoice_number_seq" START 5001`);
    await queryRunner.query(
      `CREATE TABLE "outbound_document" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(8) NOT NULL, "channel" character varying(16) NOT NULL, "sales_order_id" uuid, "raw_document_id" uuid, "partner_id" uuid, "source_key" character varying(300) NOT NULL, "control_number" character varying(20), "content_type" character varying(100) NOT NULL, "content" text NOT NULL, "destination" text, "status" character varying(16) NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "delivered_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6fdfa53919b7f18fa50fb5afbbd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_outbound_document_source" ON "outbound_document"  ("source_key") `);
    await queryRunner.query(`CREATE INDEX "ix_outbound_document_receipt" ON "outbound_document"  ("raw_document_id") `);
    await queryRunner.query(`CREATE INDEX "ix_outbound_document_order" ON "outbound_document"  ("sales_order_id") `);
    await queryRunner.query(
      `CREATE TABLE "sales_order_line" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "sales_order_id" uuid NOT NULL, "line_number" integer NOT NULL, "buyer_line_number" character varying(40) NOT NULL, "sku" character varying(80) NOT NULL, "description" text, "product_ids" jsonb NOT NULL, "uom" character varying(4) NOT NULL, "base_uom" character varying(4) NOT NULL, "base_units_per_uom" numeric(16,6) NOT NULL, "quantity" numeric(16,6) NOT NULL, "accepted_quantity" numeric(16,6) NOT NULL, "backordered_quantity" numeric(16,6) NOT NULL, "shipped_quantity" numeric(16,6) NOT NULL DEFAULT '0', "invoiced_quantity" numeric(16,6) NOT NULL DEFAULT '0', "unit_price" numeric(16,4) NOT NULL, "buyer_unit_price" numeric(16,4), "amount" numeric(16,4) NOT NULL, "status" character varying(20) NOT NULL, "ack_code" character varying(2) NOT NULL, "acks" jsonb NOT NULL DEFAULT '[]', "scheduled_ship_date" date, "pricing" jsonb NOT NULL, CONSTRAINT "PK_93a8b0b44d265759958587aecc5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_sales_order_line" ON "sales_order_line"  ("sales_order_id", "line_number") `);
    await queryRunner.query(
      `CREATE TABLE "order_exception" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "channel" character varying(16) NOT NULL, "status" character varying(10) NOT NULL DEFAULT 'open', "reasons" jsonb NOT NULL, "purchase_order" jsonb, "raw_document_id" uuid NOT NULL, "source_key" character varying(300) NOT NULL, "sender" character varying(200) NOT NULL, "partner_id" uuid, "customer_id" uuid, "customer_name" character varying(200), "po_number" character varying(80), "sales_order_id" uuid, "version" integer NOT NULL DEFAULT '1', "history" jsonb NOT NULL DEFAULT '[]', "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "resolved_at" TIMESTAMP WITH TIME ZONE, "resolved_by" character varying(120), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a604a63ff54e3cd0e37dd279570" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_order_exception_source" ON "order_exception"  ("source_key") `);
    await queryRunner.query(`CREATE INDEX "ix_order_exception_status" ON "order_exception"  ("status", "created_at") `);
    await queryRunner.query(
      `CREATE TABLE "shipment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "sales_order_id" uuid NOT NULL, "lines" jsonb NOT NULL, "actor" character varying(120) NOT NULL, "shipped_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f51f635db95c534ca206bf7a0a4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_shipment_order" ON "shipment"  ("sales_order_id") `);
    await queryRunner.query(
      `CREATE TABLE "invoice" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "number" character varying(20) NOT NULL, "sales_order_id" uuid NOT NULL, "shipment_id" uuid NOT NULL, "total" numeric(16,4) NOT NULL, "lines" jsonb NOT NULL, "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_60284980bc8b9c624459948f4ac" UNIQUE ("number"), CONSTRAINT "UQ_786dbdcaf68b1d072f6966a1172" UNIQUE ("shipment_id"), CONSTRAINT "PK_15d25c200d9bcd8a33f698daf18" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_invoice_order" ON "invoice"  ("sales_order_id") `);
    await queryRunner.query(
      `CREATE TABLE "sales_order_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "sales_order_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "status" character varying(20) NOT NULL, "action" character varying(60) NOT NULL, "actor" character varying(120) NOT NULL, "note" text, "details" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "PK_21ac891c463ed506df7ea938b8a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_sales_order_event_order" ON "sales_order_event"  ("sales_order_id", "at") `);
    await queryRunner.query(
      `CREATE TABLE "sales_order" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "number" character varying(20) NOT NULL, "customer_id" uuid NOT NULL, "customer_name" character varying(200) NOT NULL, "channel" character varying(16) NOT NULL, "po_number" character varying(80) NOT NULL, "po_date" date, "currency" character(3) NOT NULL, "status" character varying(20) NOT NULL, "priority" character varying(10) NOT NULL, "total" numeric(16,4) NOT NULL, "raw_document_id" uuid NOT NULL, "partner_id" uuid, "sender" character varying(200) NOT NULL, "purchase_order" jsonb NOT NULL, "ship_to" jsonb, "channel_order_key" character varying(200), "channel_changed_at" character varying(40), "payment_status" character varying(30), "refunded_total" numeric(16,4) NOT NULL DEFAULT '0', "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "acknowledged_at" TIMESTAMP WITH TIME ZONE, "exception_id" uuid, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_51ab5c9d08c7e89ffb38e00ee44" UNIQUE ("number"), CONSTRAINT "PK_1631a193003bfc4297c61ba38ba" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_sales_order_created" ON "sales_order"  ("created_at") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_sales_order_channel_key" ON "sales_order"  ("channel_order_key") WHERE "channel_order_key" IS NOT NULL`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_sales_order_customer_po" ON "sales_order"  ("customer_id", "po_number") `);
    await queryRunner.query(
      `ALTER TABLE "sales_order_line" ADD CONSTRAINT "FK_70f4c6cee6958f78c6a4cd20b5e" FOREIGN KEY ("sales_order_id") REFERENCES "sales_order"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP SEQUENCE IF EXISTS "invoice_number_seq"`);
    await queryRunner.query(`DROP SEQUENCE IF EXISTS "sales_order_number_seq"`);
    await queryRunner.query(`ALTER TABLE "sales_order_line" DROP CONSTRAINT "FK_70f4c6cee6958f78c6a4cd20b5e"`);
    await queryRunner.query(`DROP INDEX "public"."uq_sales_order_customer_po"`);
    await queryRunner.query(`DROP INDEX "public"."uq_sales_order_channel_key"`);
    await queryRunner.query(`DROP INDEX "public"."ix_sales_order_created"`);
    await queryRunner.query(`DROP TABLE "sales_order"`);
    await queryRunner.query(`DROP INDEX "public"."ix_sales_order_event_order"`);
    await queryRunner.query(`DROP TABLE "sales_order_event"`);
    await queryRunner.query(`DROP INDEX "public"."ix_invoice_order"`);
    await queryRunner.query(`DROP TABLE "invoice"`);
    await queryRunner.query(`DROP INDEX "public"."ix_shipment_order"`);
    await queryRunner.query(`DROP TABLE "shipment"`);
    await queryRunner.query(`DROP INDEX "public"."ix_order_exception_status"`);
    await queryRunner.query(`DROP INDEX "public"."uq_order_exception_source"`);
    await queryRunner.query(`DROP TABLE "order_exception"`);
    await queryRunner.query(`DROP INDEX "public"."uq_sales_order_line"`);
    await queryRunner.query(`DROP TABLE "sales_order_line"`);
    await queryRunner.query(`DROP INDEX "public"."ix_outbound_document_order"`);
    await queryRunner.query(`DROP INDEX "public"."ix_outbound_document_receipt"`);
    await queryRunner.query(`DROP INDEX "public"."uq_outbound_document_source"`);
    await queryRunner.query(`DROP TABLE "outbound_document"`);
  }
}
