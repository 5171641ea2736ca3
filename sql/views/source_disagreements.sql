-- Facts on which the documents of one film give different values, one row per source and
-- value, built from fact_claim (each document's own statement of each fact). Nothing is
-- picked: each value stays with its source. Amounts are compared on currency and amounts,
-- scores on value over scale (value_key); all the amounts a document states for one measure
-- are compared together, shown with their territory, so "worldwide" and "United States" read
-- as what they are. Release dates are compared on each document's first one.
create or replace view source_disagreements as

with stated as (

    select
        film_id,
        fact,
        source_id,
        string_agg(value_key, '; ' order by value_key) as value_key,
        string_agg(value, '; ' order by value_key, value) as value
    from fact_claim
    where fact_table in ('fact_box_office', 'fact_rating')
    group by all

),

first_releases as (

    select
        film_id,
        'first release date' as fact,
        source_id,
        min(value_key) as value_key,
        min(value_key) as value
    from fact_claim
    where fact_table = 'fact_release' and value_key is not null
    group by all

),

facts as (

    select * from stated
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
