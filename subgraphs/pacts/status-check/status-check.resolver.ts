import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { FiscalCodeScalar } from '../../lib/scalars';
import { type PactsContext } from '../context';
import { EmploymentStatusCheck } from './person-status.type';
import { employmentStatusCheck } from './status-check.service';

@Resolver(() => EmploymentStatusCheck)
export class StatusCheckResolver {
  @Query(() => EmploymentStatusCheck, {
    nullable: true,
    description:
      'Status checks of the RdC interoperability plan (Annex 5 §1.3): the work-pact check ("Sottoscrizione Patto per il lavoro": has the person, and each member of their household, signed a service pact that is active now?) and the DID check ("Verifica Sottoscrizione DID": active means INSERTED or VALIDATED). The DID fields of PersonStatus are contributed by the workers subgraph. Null for a person outside the caller\'s scope.',
  })
  employmentStatusCheck(
    @Arg('fiscalCode', () => FiscalCodeScalar, { description: 'Codice fiscale of the person to check.' }) fiscalCode: string,
    @Ctx() ctx: PactsContext,
  ): Promise<EmploymentStatusCheck | null> {
    return employmentStatusCheck(fiscalCode, ctx);
  }
}
