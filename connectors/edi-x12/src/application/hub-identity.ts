/** Our own EDI identity (HUB_ISA_QUALIFIER, HUB_ISA_ID, HUB_GS_ID): inbound ISA08/GS03 must match, outbound carries it. */
export abstract class HubIdentity {
  abstract readonly isaQualifier: string;
  abstract readonly isaId: string;
  abstract readonly gsId: string;
}
