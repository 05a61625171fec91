CREATE TABLE "checkins" (
	"id" text PRIMARY KEY NOT NULL,
	"team" text NOT NULL,
	"agent" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"note" text NOT NULL,
	"created_by" text NOT NULL,
	"state" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"fired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"id" text PRIMARY KEY NOT NULL,
	"team" text NOT NULL,
	"recipient" text NOT NULL,
	"sender" text NOT NULL,
	"text" text NOT NULL,
	"state" text NOT NULL,
	"queued_at" timestamp with time zone NOT NULL,
	"delivered_at" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	"error" text
);
--> statement-breakpoint
CREATE INDEX "checkins_state_due_idx" ON "checkins" USING btree ("state","due_at");--> statement-breakpoint
CREATE INDEX "messages_team_queued_idx" ON "messages" USING btree ("team","queued_at");--> statement-breakpoint
CREATE INDEX "messages_recipient_idx" ON "messages" USING btree ("recipient");