import { MigrationInterface, QueryRunner } from 'typeorm';

export class EmailTemplates1795314185814 implements MigrationInterface {
  name = 'EmailTemplates1795314185814';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "email_layout_template" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "customer_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "template" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_63fea05458d2e94052a4d814141" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_email_layout_template_customer" ON "email_layout_template"  ("customer_id") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_email_layout_template_customer"`);
    await queryRunner.query(`DROP TABLE "email_layout_template"`);
  }
}
