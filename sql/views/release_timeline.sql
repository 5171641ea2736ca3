-- Every dated or undated event of a film's life, in order: releases, home media, the
-- soundtrack album and dated award ceremonies; undated events last. An event several
-- documents state is one row (`sources` counts them, from the conformed facts); a bare "theatrical" date that another
-- document types more precisely (limited, wide, ...) is that event, not another one.
create or replace view release_timeline as

with films as (

    select film_id, title as film_title
    from dim_film

),

companies as (

    select company_id, name as company
    from dim_company

),

releases as (

    select
        fact_release.film_id,
        fact_release.release_date as event_date,
        fact_release.date_precision,
        case
            when fact_release.release_type in ('premiere', 'festival') then fact_release.release_type
            else 'theatrical'
        end as event,
        fact_release.release_type as detail,
        fact_release.territory,
        companies.company,
        cast(null as varchar) as languages,
        fact_release.note,
        fact_release.sources
    from fact_release
    left join companies on companies.company_id = fact_release.company_id

),

home_media as (

    select
        fact_home_media.film_id,
        fact_home_media.release_date as event_date,
        fact_home_media.date_precision,
        'home media' as event,
        fact_home_media.format as detail,
        nullif(array_to_string(fact_home_media.regions, ', '), '') as territory,
        companies.company,
        nullif(array_to_string(fact_home_media.languages, ', '), '') as languages,
        fact_home_media.note,
        fact_home_media.sources
    from fact_home_media
    left join companies on companies.company_id = fact_home_media.company_id

),

soundtrack as (

    select
        film_id,
        release_date as event_date,
        date_precision,
        'soundtrack' as event,
        'album' as detail,
        cast(null as varchar) as territory,
        cast(null as varchar) as company,
        cast(null as varchar) as languages,
        cast(null as varchar) as note,
        sources
    from fact_soundtrack_release

),

ceremonies as (

    select
        fact_nomination.film_id,
        dim_ceremony.ceremony_date as event_date,
        'day' as date_precision,
        'award' as event,
        dim_award_body.name as detail,
        cast(null as varchar) as territory,
        cast(null as varchar) as company,
        cast(null as varchar) as languages,
        cast(dim_ceremony.edition as varchar) as note,
        max(fact_nomination.sources) as sources
    from fact_nomination
    inner join dim_ceremony on dim_ceremony.ceremony_id = fact_nomination.ceremony_id
    inner join dim_award_body on dim_award_body.award_body_id = dim_ceremony.award_body_id
    where dim_ceremony.ceremony_date is not null
    group by all

),

events as (

    select * from releases
    union all
    select * from home_media
    union all
    select * from soundtrack
    union all
    select * from ceremonies

),

merged as (

    select
        film_id,
        event_date,
        date_precision,
        event,
        detail,
        max(territory) as territory,
        max(company) as company,
        max(languages) as languages,
        max(note) as note,
        max(sources) as sources
    from events
    group by film_id, event_date, date_precision, event, detail

),

typed_dates as (

    select distinct film_id, event_date
    from merged
    where event = 'theatrical' and detail <> 'theatrical'

),

final as (

    select
        merged.film_id,
        films.film_title,
        merged.event_date,
        merged.date_precision,
        merged.event,
        merged.detail,
        merged.territory,
        merged.company,
        merged.languages,
        merged.note,
        merged.sources
    from merged
    inner join films on films.film_id = merged.film_id
    left join typed_dates
        on typed_dates.film_id = merged.film_id
        and typed_dates.event_date = merged.event_date
        and merged.event = 'theatrical'
        and merged.detail = 'theatrical'
    where typed_dates.film_id is null

)

select * from final
order by film_title, film_id, event_date nulls last, event, detail, territory
