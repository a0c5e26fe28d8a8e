import { MigrationInterface, QueryRunner } from 'typeorm';

export class EdiShipNoticesChangesAcks1796228893935 implements MigrationInterface {
  name = 'EdiShipNoticesChangesAcks1796228893935';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "edi_outbound_ack" ("document_id" uuid NOT NULL, "partner_id" uuid NOT NULL, "kind" character varying(8) NOT NULL, "interchange_control" character varying(9) NOT NULL, "group_control" character varying(9) NOT NULL, "set_control" character varying(9) NOT NULL, "status" character varying(24) NOT NULL DEFAULT 'awaiting', "codes" jsonb NOT NULL DEFAULT '[]', "ack_raw_document_id" uuid, "acknowledged_at" TIMESTAMP WITH TIME ZONE, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1b429aafe3509fdbc4374fa015d" PRIMARY KEY ("document_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_edi_outbound_ack_status_due" ON "edi_outbound_ack"  ("status", "due_at") `);
    await queryRunner.query(`CREATE INDEX "ix_edi_outbound_ack_interchange" ON "edi_outbound_ack"  ("partner_id", "interchange_control") `);
    await queryRunner.query(`CREATE INDEX "ix_edi_outbound_ack_group" ON "edi_outbound_ack"  ("partner_id", "group_control") `);
    await queryRunner.query(`ALTER TABLE "shipment" ADD "carrier" character varying(80)`);
    await queryRunner.query(`ALTER TABLE "shipment" ADD "tracking_number" character varying(80)`);
    await queryRunner.query(`ALTER TABLE "shipment" ADD "cartons" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE "trading_partner" ADD "ack_overdue_hours" integer NOT NULL DEFAULT '24'`);
    await queryRunner.query(`ALTER TABLE "trading_partner" ADD "ack_changes_with_855" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "trading_partner" ADD "inventory_advice_at" character varying(5)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "trading_partner" DROP COLUMN "inventory_advice_at"`);
    await queryRunner.query(`ALTER TABLE "trading_partner" DROP COLUMN "ack_changes_with_855"`);
    await queryRunner.query(`ALTER TABLE "trading_partner" DROP COLUMN "ack_overdue_hours"`);
    await queryRunner.query(`ALTER TABLE "shipment" DROP COLUMN "cartons"`);
    await queryRunner.query(`ALTER TABLE "shipment" DROP COLUMN "tracking_number"`);
    await queryRunner.query(`ALTER TABLE "shipment" DROP COLUMN "carrier"`);
    await queryRunner.query(`DROP INDEX "public"."ix_edi_outbound_ack_group"`);
    await queryRunner.query(`DROP INDEX "public"."ix_edi_outbound_ack_interchange"`);
    await queryRunner.query(`DROP INDEX "public"."ix_edi_outbound_ack_status_due"`);
    await queryRunner.query(`DROP TABLE "edi_outbound_ack"`);
  }
}
