/** A producer organisation's profile as the portal's form shows it. */
import type { Locale, Messages } from '../../web/messages';
import type { Values } from '../../web/pages/portal/Fields';
import { producerKinds } from '../../db/schema';
import type { Profile } from '../data/producers';
import { pick, provinceOptions } from './catalogue';

export function profileValues(producer: Profile['producer']): Values {
  const { name, kind, taxCode, provinceCode, communeCode, street, phone, zalo, email, website } = producer;
  const { storyVi, storyEn, bankBin, bankAccountNumber, bankAccountName } = producer;
  return {
    name,
    kind,
    taxCode,
    provinceCode,
    communeCode,
    street,
    phone,
    zalo,
    email,
    website,
    storyVi,
    storyEn,
    bankBin,
    bankAccountNumber,
    bankAccountName,
  };
}

/** The choices the profile form offers: kinds of producer, provinces, and the communes of the province shown. */
export function profileChoices(data: Profile, t: Messages, locale: Locale) {
  return {
    kinds: producerKinds.map((kind) => ({ value: kind, label: t.producer.kinds[kind] })),
    provinces: provinceOptions(locale),
    communes: data.communes.map((commune) => ({
      value: commune.code,
      label: pick(locale, commune.nameVi, commune.nameEn),
    })),
  };
}
