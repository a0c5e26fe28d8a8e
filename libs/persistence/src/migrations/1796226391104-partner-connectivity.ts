import { MigrationInterface, QueryRunner } from 'typeorm';

export class PartnerConnectivity1796226391104 implements MigrationInterface {
  name = 'PartnerConnectivity1796226391104';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "partner_exchange" ("id" uuid NOT NULL, "partner_id" uuid, "protocol" character varying(8) NOT NULL, "direction" character varying(3) NOT NULL, "reference" character varying(1000) NOT NULL, "raw_document_id" uuid, "outbound_document_id" uuid, "status" character varying(16) NOT NULL, "mic" character varying(200), "mdn" text, "disposition" character varying(500), "error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d4e4befaedfa583d654c7dcb768" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_partner_exchange_outbound" ON "partner_exchange"  ("outbound_document_id") `);
    await queryRunner.query(`CREATE INDEX "ix_partner_exchange_reference" ON "partner_exchange"  ("protocol", "direction", "reference") `);
    await queryRunner.query(`CREATE INDEX "ix_partner_exchange_partner" ON "partner_exchange"  ("partner_id", "created_at") `);
    await queryRunner.query(`ALTER TABLE "trading_partner" ADD "connection" jsonb NOT NULL DEFAULT '{"type": "http"}'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "trading_partner" DROP COLUMN "connection"`);
    await queryRunner.query(`DROP INDEX "public"."ix_partner_exchange_partner"`);
    await queryRunner.query(`DROP INDEX "public"."ix_partner_exchange_reference"`);
    await queryRunner.query(`DROP INDEX "public"."ix_partner_exchange_outbound"`);
    await queryRunner.query(`DROP TABLE "partner_exchange"`);
  }
}
