import { MigrationInterface, QueryRunner } from 'typeorm';

export class IntakeBoundary1796227668041 implements MigrationInterface {
  name = 'IntakeBoundary1796227668041';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "document_counter" ("name" character varying(40) NOT NULL, "last" bigint NOT NULL, CONSTRAINT "PK_d1a4b19a2a61e43bbaf4b438e8c" PRIMARY KEY ("name"))`,
    );
    await queryRunner.query(`ALTER TABLE "order_exception" ADD "sender_told" character varying(10)`);
    await queryRunner.query(`CREATE INDEX "ix_order_exception_raw_document" ON "order_exception"  ("raw_document_id") `);
    await queryRunner.query(`CREATE INDEX "ix_sales_order_raw_document" ON "sales_order"  ("raw_document_id") `);
    // Invoice numbers continue where their sequence stood (the next number is last + 1).
    await queryRunner.query(
      `INSERT INTO "document_counter" ("name", "last") SELECT 'invoice', CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM "invoice_number_seq"`,
    );
    // A raw document's status only moves forward: received → failed → processed | duplicate → flagged → rejected.
    // Whoever writes it, a step back (an approval after a flag, a late 'processed' after 'rejected') keeps the
    // later status; the repository asks for forward moves only, this trigger holds every other writer to it.
    await queryRunner.query(`CREATE FUNCTION raw_document_status_rank(status text) RETURNS int LANGUAGE sql IMMUTABLE AS $$
      SELECT CASE status WHEN 'received' THEN 0 WHEN 'failed' THEN 1 WHEN 'processed' THEN 2 WHEN 'duplicate' THEN 2
        WHEN 'flagged' THEN 3 WHEN 'rejected' THEN 4 ELSE -1 END $$`);
    await queryRunner.query(`CREATE FUNCTION raw_document_status_forward() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF raw_document_status_rank(NEW.status) < 0 THEN
          RAISE EXCEPTION 'raw document status % is not one of received, failed, processed, duplicate, flagged, rejected', NEW.status;
        END IF;
        IF raw_document_status_rank(NEW.status) < raw_document_status_rank(OLD.status)
           OR (raw_document_status_rank(NEW.status) = raw_document_status_rank(OLD.status) AND NEW.status <> OLD.status) THEN
          NEW.status := OLD.status;
          NEW.status_detail := OLD.status_detail;
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER raw_document_status_forward BEFORE UPDATE OF status ON "raw_document" FOR EACH ROW EXECUTE FUNCTION raw_document_status_forward()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER IF EXISTS raw_document_status_forward ON "raw_document"`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS raw_document_status_forward()`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS raw_document_status_rank(text)`);
    await queryRunner.query(`DROP INDEX "public"."ix_sales_order_raw_document"`);
    await queryRunner.query(`DROP INDEX "public"."ix_order_exception_raw_document"`);
    await queryRunner.query(`ALTER TABLE "order_exception" DROP COLUMN "sender_told"`);
    await queryRunner.query(`DROP TABLE "document_counter"`);
  }
}
