import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialBackbone1795312767112 implements MigrationInterface {
  name = 'InitialBackbone1795312767112';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "raw_document" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "channel" character varying(16) NOT NULL, "sender" character varying(200) NOT NULL, "content_type" character varying(100) NOT NULL, "sha256" character(64) NOT NULL, "size" bigint NOT NULL, "content" bytea, "content_path" text, "dedup_key" character varying(300), "metadata" jsonb NOT NULL DEFAULT '{}', "status" character varying(16) NOT NULL DEFAULT 'received', "status_detail" text, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b6b0bf9deb965e5fb3a654745d5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_raw_document_received" ON "raw_document"  ("received_at") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_raw_document_dedup" ON "raw_document"  ("channel", "dedup_key") WHERE "dedup_key" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "bus_message" ("seq" BIGSERIAL NOT NULL, "topic" character varying(200) NOT NULL, "partition" integer NOT NULL, "message_key" character varying(300) NOT NULL, "value" text NOT NULL, "headers" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f95a35e799cd5b0b268eb1e0bae" PRIMARY KEY ("seq"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_bus_message_topic_partition" ON "bus_message"  ("topic", "partition", "seq") `);
    await queryRunner.query(
      `CREATE TABLE "bus_offset" ("group_id" character varying(200) NOT NULL, "topic" character varying(200) NOT NULL, "partition" integer NOT NULL, "last_seq" bigint NOT NULL, CONSTRAINT "PK_0355b4f53d2675d8d0497cc7b7b" PRIMARY KEY ("group_id", "topic", "partition"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "processed_message" ("consumer" character varying(100) NOT NULL, "idempotency_key" character varying(300) NOT NULL, "processed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d176714c2f62f5b27e4565b4abc" PRIMARY KEY ("consumer", "idempotency_key"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "outbox_message" ("seq" BIGSERIAL NOT NULL, "message_id" uuid NOT NULL, "topic" character varying(200) NOT NULL, "message_key" character varying(300) NOT NULL, "value" text NOT NULL, "headers" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "published_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_00ec26684da6600a9df180fba54" PRIMARY KEY ("seq"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_outbox_unpublished" ON "outbox_message"  ("seq") WHERE "published_at" IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_outbox_unpublished"`);
    await queryRunner.query(`DROP TABLE "outbox_message"`);
    await queryRunner.query(`DROP TABLE "processed_message"`);
    await queryRunner.query(`DROP TABLE "bus_offset"`);
    await queryRunner.query(`DROP INDEX "public"."ix_bus_message_topic_partition"`);
    await queryRunner.query(`DROP TABLE "bus_message"`);
    await queryRunner.query(`DROP INDEX "public"."uq_raw_document_dedup"`);
    await queryRunner.query(`DROP INDEX "public"."ix_raw_document_received"`);
    await queryRunner.query(`DROP TABLE "raw_document"`);
  }
}
