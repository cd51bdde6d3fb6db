import { type FilterQuery } from '@mikro-orm/core';
import { type Caller } from '../lib/identity';
import { inTerritory, type ScopeImplementations } from '../lib/policy/scope';
import { type Referral, ReferralLegalBasis } from './referral/referral.entity';

/** A condition no row meets (MikroORM renders an empty `$in` as a false predicate). */
const NO_ROW: FilterQuery<Referral> = { id: { $in: [] } };

/**
 * Referrals whose sending or receiving service point lies in the caller's territory
 * (token `territory`: ISTAT province or municipality codes, matched as prefixes of the
 * service point's municipality). The service points are joined in the same statement.
 */
function eitherSideIn(caller: Caller): FilterQuery<Referral> {
  return { $or: [{ from: inTerritory(caller, 'municipality') }, { to: inTerritory(caller, 'municipality') }] } as FilterQuery<Referral>;
}

/** The person's own referrals: a citizen's token `sub` is their fiscal code. */
function ownReferrals(caller: Caller): FilterQuery<Referral> {
  return caller.subject ? { workerFiscalCode: caller.subject } : NO_ROW;
}

/**
 * Database filters of the row scopes that `schema/policy/referrals.yaml` names for this
 * subgraph's types (see `schema/policy/scopes.yaml` for their meaning). Every filter is
 * a condition on the `referral` table (with its service points), so lists, pages,
 * counts and `_entities` all apply it in their SQL.
 */
export const rowScopes: ScopeImplementations = {
  Referral: {
    /** Job centres: referrals sent from or to a service point of their territory. */
    territory: (caller) => eitherSideIn(caller),
    /** Social services: referrals sent from or to a service point of their municipality (token `territory`). */
    municipality: (caller) => eitherSideIn(caller),
    /**
     * Social desks: referrals their organisation wrote (`createdByOrganisation`, set from
     * the writer's token) on the person's consent (legal basis CONSENT).
     */
    'consented-by-organisation': (caller) =>
      caller.organisation ? { createdByOrganisation: caller.organisation, legalBasis: ReferralLegalBasis.CONSENT } : NO_ROW,
    /** Citizens: the referrals of which they are the person referred. */
    self: (caller) => ownReferrals(caller),
  },
  DeskContact: {
    /**
     * Social desks: the contacts their organisation registered (every contact is
     * registered on consent; after a withdrawal the row stays, without the identity).
     */
    'consented-by-organisation': (caller) => (caller.organisation ? { organisation: caller.organisation } : NO_ROW) as FilterQuery<object>,
  },
  Appointment: {
    /** Job centres: appointments at a service point of their territory. */
    territory: (caller) => ({ servicePoint: inTerritory(caller, 'municipality') }) as FilterQuery<object>,
    /** Social services: appointments at a service point of their municipality. */
    municipality: (caller) => ({ servicePoint: inTerritory(caller, 'municipality') }) as FilterQuery<object>,
    /** Social desks: the appointments their organisation booked for a person (on consent). */
    'consented-by-organisation': (caller) => (caller.organisation ? { convokedByOrganisation: caller.organisation } : NO_ROW) as FilterQuery<object>,
    /** Citizens: their own appointments. */
    self: (caller) => (caller.subject ? { workerFiscalCode: caller.subject } : NO_ROW) as FilterQuery<object>,
  },
  Worker: {
    /**
     * Citizens: the Worker stub of this subgraph exists for them only as the person of
     * their own referrals, so the filter is on the referrals that carry the worker id:
     * the id is the caller's when one of its referrals bears the caller's fiscal code.
     * A worker id without such a referral (someone else's, or unknown) is no row.
     */
    self: (caller) => ownReferrals(caller),
  },
};
