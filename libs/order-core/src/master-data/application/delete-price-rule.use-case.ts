import { Injectable } from '@nestjs/common';
import { MasterDataNotFoundError } from '../domain/master-data.errors';
import { PriceRuleStore } from './price-rule-repository.port';

/** Orders already priced keep the rule they were priced with (they record it), so deleting is safe. */
@Injectable()
export class DeletePriceRuleUseCase {
  constructor(private readonly rules: PriceRuleStore) {}

  async execute(id: string): Promise<void> {
    if (!(await this.rules.delete(id))) throw MasterDataNotFoundError.priceRule(id);
  }
}
