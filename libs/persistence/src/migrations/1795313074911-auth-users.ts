import { MigrationInterface, QueryRunner } from 'typeorm';

export class AuthUsers1795313074911 implements MigrationInterface {
  name = 'AuthUsers1795313074911';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor" character varying(100) NOT NULL, "action" character varying(100) NOT NULL, "subject_type" character varying(50), "subject_id" character varying(200), "details" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "PK_481efbe8b0a403efe3f47a6528f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_audit_event_actor" ON "audit_event"  ("actor", "at") `);
    await queryRunner.query(`CREATE INDEX "ix_audit_event_subject" ON "audit_event"  ("subject_type", "subject_id", "at") `);
    await queryRunner.query(`CREATE INDEX "ix_audit_event_at" ON "audit_event"  ("at") `);
    await queryRunner.query(
      `CREATE TABLE "app_user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(254) NOT NULL, "name" character varying(200) NOT NULL, "role" character varying(16) NOT NULL, "password_hash" text NOT NULL, "disabled" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_login_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_app_user_role" CHECK ("role" IN ('admin', 'operator')), CONSTRAINT "ck_app_user_email_lower" CHECK ("email" = lower("email")), CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_app_user_email" ON "app_user"  ("email") `);
    await queryRunner.query(
      `CREATE TABLE "app_session" ("id" character(64) NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_187a3ca47eeeef55990a73447b9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_app_session_expires" ON "app_session"  ("expires_at") `);
    await queryRunner.query(`CREATE INDEX "ix_app_session_user" ON "app_session"  ("user_id") `);
    await queryRunner.query(
      `ALTER TABLE "app_session" ADD CONSTRAINT "fk_app_session_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "app_session" DROP CONSTRAINT "fk_app_session_user"`);
    await queryRunner.query(`DROP INDEX "public"."ix_app_session_user"`);
    await queryRunner.query(`DROP INDEX "public"."ix_app_session_expires"`);
    await queryRunner.query(`DROP TABLE "app_session"`);
    await queryRunner.query(`DROP INDEX "public"."uq_app_user_email"`);
    await queryRunner.query(`DROP TABLE "app_user"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_event_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_event_subject"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_event_actor"`);
    await queryRunner.query(`DROP TABLE "audit_event"`);
  }
}
