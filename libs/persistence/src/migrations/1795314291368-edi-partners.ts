import { MigrationInterface, QueryRunner } from 'typeorm';

export class EdiPartners1795314291368 implements MigrationInterface {
  name = 'EdiPartners1795314291368';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "edi_interchange_receipt" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "partner_id" uuid NOT NULL, "control_number" character varying(20) NOT NULL, "active_control" character varying(20), "raw_document_id" uuid NOT NULL, "position" integer NOT NULL DEFAULT '0', "status" character varying(10) NOT NULL, "transactions" integer NOT NULL DEFAULT '0', "detail" jsonb NOT NULL DEFAULT '{}', "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_97c608338deca0d5887317cf8ea" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_edi_interchange_partner_control" ON "edi_interchange_receipt"  ("partner_id", "control_number") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_edi_interchange_raw" ON "edi_interchange_receipt"  ("raw_document_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_edi_interchange_active" ON "edi_interchange_receipt"  ("partner_id", "active_control") `,
    );
    await queryRunner.query(
      `CREATE TABLE "trading_partner" ("id" uuid NOT NULL, "name" character varying(200) NOT NULL, "customer_id" uuid NOT NULL, "isa_qualifier" character varying(2) NOT NULL, "isa_id" character varying(15) NOT NULL, "gs_id" character varying(15) NOT NULL, "version" character varying(6) NOT NULL, "documents" text array NOT NULL, "delimiters" jsonb NOT NULL, "api_key_hash" character(64) NOT NULL, "destination" jsonb NOT NULL DEFAULT '{"kind":"folder"}', "duplicate_window_hours" integer NOT NULL DEFAULT '72', "hash_total_policy" character varying(10) NOT NULL DEFAULT 'warning', "isa_width" character varying(10) NOT NULL DEFAULT 'lenient', "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4908763db7a44971708346947bd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_trading_partner_api_key" ON "trading_partner"  ("api_key_hash") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_trading_partner_isa" ON "trading_partner"  ("isa_qualifier", "isa_id") `);
    await queryRunner.query(
      `CREATE TABLE "edi_control_sequence" ("partner_id" uuid NOT NULL, "isa_last" integer NOT NULL DEFAULT '0', "gs_last" integer NOT NULL DEFAULT '0', "st_last" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_412a25fbd39a578d233d9939586" PRIMARY KEY ("partner_id"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "edi_control_sequence"`);
    await queryRunner.query(`DROP INDEX "public"."uq_trading_partner_isa"`);
    await queryRunner.query(`DROP INDEX "public"."uq_trading_partner_api_key"`);
    await queryRunner.query(`DROP TABLE "trading_partner"`);
    await queryRunner.query(`DROP INDEX "public"."uq_edi_interchange_active"`);
    await queryRunner.query(`DROP INDEX "public"."ix_edi_interchange_raw"`);
    await queryRunner.query(`DROP INDEX "public"."ix_edi_interchange_partner_control"`);
    await queryRunner.query(`DROP TABLE "edi_interchange_receipt"`);
  }
}
