import { MigrationInterface, QueryRunner } from 'typeorm';

export class MasterData1795313247756 implements MigrationInterface {
  name = 'MasterData1795313247756';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "product" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "sku" character varying(60) NOT NULL, "description" character varying(500) NOT NULL, "upc" character varying(14), "gtin" character varying(14), "uom" character varying(4) NOT NULL, "list_price" numeric(14,4) NOT NULL, "discontinued" boolean NOT NULL DEFAULT false, "lead_time_days" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bebc9158e480b949565b4dc7a82" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_product_sku" ON "product"  ("sku") `);
    await queryRunner.query(`CREATE INDEX "ix_product_upc" ON "product"  ("upc") `);
    await queryRunner.query(`CREATE INDEX "ix_product_gtin" ON "product"  ("gtin") `);
    await queryRunner.query(
      `CREATE TABLE "product_uom_conversion" ("sku" character varying(60) NOT NULL, "uom" character varying(4) NOT NULL, "factor" numeric(18,6) NOT NULL, CONSTRAINT "PK_2675f7bfcfad926fbdaa06ea724" PRIMARY KEY ("sku", "uom"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "customer" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(40) NOT NULL, "name" character varying(200) NOT NULL, "emails" text array NOT NULL DEFAULT '{}', "shopify_shop_domain" character varying(255), "shopify_customer_ids" text array NOT NULL DEFAULT '{}', "customer_group" character varying(60), "credit_hold" boolean NOT NULL DEFAULT false, "price_tolerance_percent" numeric(7,4), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a7a13f4cacb744524e44dfdad32" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_customer_code" ON "customer"  ("code") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_customer_shopify_shop" ON "customer"  ("shopify_shop_domain") `);
    await queryRunner.query(
      `CREATE TABLE "ship_to" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "customer_id" uuid NOT NULL, "code" character varying(80) NOT NULL, "name" character varying(200) NOT NULL, "address1" character varying(200), "address2" character varying(200), "city" character varying(100), "region" character varying(100), "postal_code" character varying(20), "country" character varying(3), "is_default" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_2bb1f97162aaffeb69268d39e2f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_ship_to_customer_code" ON "ship_to"  ("customer_id", "code") `);
    await queryRunner.query(
      `CREATE TABLE "customer_part_number" ("customer_id" uuid NOT NULL, "part_number" character varying(80) NOT NULL, "sku" character varying(60) NOT NULL, CONSTRAINT "PK_c10b99c7b79f677ee299436e4d3" PRIMARY KEY ("customer_id", "part_number"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_customer_part_number_sku" ON "customer_part_number"  ("sku") `);
    await queryRunner.query(
      `CREATE TABLE "inventory" ("sku" character varying(60) NOT NULL, "warehouse" character varying(20) NOT NULL, "on_hand" numeric(14,4) NOT NULL DEFAULT '0', "reserved" numeric(14,4) NOT NULL DEFAULT '0', "version" integer NOT NULL DEFAULT '1', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_inventory_nonnegative" CHECK ("on_hand" >= 0 AND "reserved" >= 0), CONSTRAINT "PK_4d8f5320401e68c2839a2def8a9" PRIMARY KEY ("sku", "warehouse"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "stock_reservation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "sales_order_id" character varying(64) NOT NULL, "line_number" integer NOT NULL, "sku" character varying(60) NOT NULL, "warehouse" character varying(20) NOT NULL, "quantity" numeric(14,4) NOT NULL, "shipped_quantity" numeric(14,4) NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "released_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_a1f7c9841feb7e5744923efa2d2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_stock_reservation_order" ON "stock_reservation"  ("sales_order_id", "line_number") `);
    await queryRunner.query(
      `CREATE TABLE "price_rule" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(80), "kind" character varying(20) NOT NULL, "sku" character varying(60) NOT NULL, "customer_id" uuid, "customer_group" character varying(60), "channel" character varying(16), "min_quantity" numeric(14,4), "price" numeric(14,4), "discount_percent" numeric(7,4), "valid_from" TIMESTAMP WITH TIME ZONE, "valid_to" TIMESTAMP WITH TIME ZONE, "priority" integer NOT NULL DEFAULT '0', "net" boolean NOT NULL DEFAULT false, "description" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_90db7c1255d7388d329842ab10b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_price_rule_code" ON "price_rule"  ("code") `);
    await queryRunner.query(`CREATE INDEX "ix_price_rule_sku" ON "price_rule"  ("sku") `);
    await queryRunner.query(
      `ALTER TABLE "product_uom_conversion" ADD CONSTRAINT "FK_bd360eedc8867869142871c4182" FOREIGN KEY ("sku") REFERENCES "product"("sku") ON DELETE CASCADE ON UPDATE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "ship_to" ADD CONSTRAINT "FK_b0083feae99952a071cd3ac3f7a" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "customer_part_number" ADD CONSTRAINT "FK_2cd10157e39b1c7289558b37de6" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "customer_part_number" ADD CONSTRAINT "FK_86969dce7865d1fe78aa22d94ff" FOREIGN KEY ("sku") REFERENCES "product"("sku") ON DELETE RESTRICT ON UPDATE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "inventory" ADD CONSTRAINT "FK_c33f32cdf6993fe3852073b0d56" FOREIGN KEY ("sku") REFERENCES "product"("sku") ON DELETE RESTRICT ON UPDATE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "price_rule" ADD CONSTRAINT "FK_59a72715e538b55b320f717f18e" FOREIGN KEY ("sku") REFERENCES "product"("sku") ON DELETE RESTRICT ON UPDATE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "price_rule" ADD CONSTRAINT "FK_1d652032e030002c3d85ef89dca" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "price_rule" DROP CONSTRAINT "FK_1d652032e030002c3d85ef89dca"`);
    await queryRunner.query(`ALTER TABLE "price_rule" DROP CONSTRAINT "FK_59a72715e538b55b320f717f18e"`);
    await queryRunner.query(`ALTER TABLE "inventory" DROP CONSTRAINT "FK_c33f32cdf6993fe3852073b0d56"`);
    await queryRunner.query(`ALTER TABLE "customer_part_number" DROP CONSTRAINT "FK_86969dce7865d1fe78aa22d94ff"`);
    await queryRunner.query(`ALTER TABLE "customer_part_number" DROP CONSTRAINT "FK_2cd10157e39b1c7289558b37de6"`);
    await queryRunner.query(`ALTER TABLE "ship_to" DROP CONSTRAINT "FK_b0083feae99952a071cd3ac3f7a"`);
    await queryRunner.query(`ALTER TABLE "product_uom_conversion" DROP CONSTRAINT "FK_bd360eedc8867869142871c4182"`);
    await queryRunner.query(`DROP INDEX "public"."ix_price_rule_sku"`);
    await queryRunner.query(`DROP INDEX "public"."uq_price_rule_code"`);
    await queryRunner.query(`DROP TABLE "price_rule"`);
    await queryRunner.query(`DROP INDEX "public"."ix_stock_reservation_order"`);
    await queryRunner.query(`DROP TABLE "stock_reservation"`);
    await queryRunner.query(`DROP TABLE "inventory"`);
    await queryRunner.query(`DROP INDEX "public"."ix_customer_part_number_sku"`);
    await queryRunner.query(`DROP TABLE "customer_part_number"`);
    await queryRunner.query(`DROP INDEX "public"."uq_ship_to_customer_code"`);
    await queryRunner.query(`DROP TABLE "ship_to"`);
    await queryRunner.query(`DROP INDEX "public"."uq_customer_shopify_shop"`);
    await queryRunner.query(`DROP INDEX "public"."uq_customer_code"`);
    await queryRunner.query(`DROP TABLE "customer"`);
    await queryRunner.query(`DROP TABLE "product_uom_conversion"`);
    await queryRunner.query(`DROP INDEX "public"."ix_product_gtin"`);
    await queryRunner.query(`DROP INDEX "public"."ix_product_upc"`);
    await queryRunner.query(`DROP INDEX "public"."uq_product_sku"`);
    await queryRunner.query(`DROP TABLE "product"`);
  }
}
