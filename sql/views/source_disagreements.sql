-- Facts on which the sources of one film give different values, one row per source and value.
-- Nothing is picked: each value stays with its source. Values are compared on what they say
-- (currency and amounts, or score and scale); grosses of different territories are shown with
-- their territory, so "worldwide" and "US" read as what they are.
create or replace view source_disagreements as

with box_office as (

    select
        film_id,
        measure as fact,
        source_id,
        string_agg(
            coalesce(currency, '?') || ' ' || amount_low || '-' || amount_high,
            '; ' order by amount_low, amount_high
        ) as value_key,
        string_agg(
            coalesce(currency || ' ', '')
            || format('{:,.0f}', amount_low)
            || case when amount_high > amount_low then '–' || format('{:,.0f}', amount_high) else '' end
            || case bound when 'upper' then ' (upper bound)' when 'lower' then ' (lower bound)' else '' end
            || case when is_estimate then ' (estimated)' else '' end
            || coalesce(' (' || territory || ')', ''),
            '; ' order by amount_low, territory
        ) as value
    from fact_box_office
    group by all

),

ratings as (

    select
        film_id,
        rating_source || ' ' || metric as fact,
        source_id,
        string_agg(value / coalesce(scale, 1), '; ' order by value) as value_key,
        string_agg(
            printf('%.15g', value) || coalesce('/' || printf('%.15g', scale), ''),
            '; ' order by value
        ) as value
    from fact_rating
    group by all

),

first_releases as (

    select
        film_id,
        'first release date' as fact,
        source_id,
        cast(min(release_date) as varchar) as value_key,
        cast(min(release_date) as varchar) as value
    from fact_release
    where release_date is not null
    group by all

),

facts as (

    select * from box_office
    union all
    select * from ratings
    union all
    select * from first_releases

),

disputed as (

    select film_id, fact
    from facts
    group by all
    having count(distinct value_key) > 1

),

final as (

    select
        facts.film_id,
        dim_film.title as film_title,
        facts.fact,
        dim_source.kind as source,
        facts.value,
        dim_source.path as source_path,
        facts.source_id
    from facts
    inner join disputed on disputed.film_id = facts.film_id and disputed.fact = facts.fact
    inner join dim_film on dim_film.film_id = facts.film_id
    inner join dim_source on dim_source.source_id = facts.source_id

)

select * from final
order by film_title, fact, source, value
